package io.chartstream.patient.registration.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.patient.matching.domain.Contribution;
import io.chartstream.patient.matching.domain.Field;
import io.chartstream.patient.matching.domain.Level;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.MatchEvidence;
import io.chartstream.patient.registration.domain.MatchedOn;
import io.chartstream.patient.registration.domain.PatientDocument;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.PatientEvent.IdentifierLinked;
import io.chartstream.patient.registration.domain.PatientEvent.MatchReviewDecided;
import io.chartstream.patient.registration.domain.PatientEvent.MatchReviewRequested;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.PatientEvent.RegistrationRevised;
import io.chartstream.patient.registration.domain.ReviewDecision;
import io.chartstream.testsupport.Approvals;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Approval tests of the published patient events, through the production codec: each event
 * type's JSON must equal its contract's approved example (chartstream-contracts). A renamed, added or removed field fails here; when the
 * change is intended it is a new event version, not an edit of the approved file. On a
 * mismatch the JSON actually produced is written to target/approvals for review.
 */
class PatientEventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final UUID PERSON = UUID.fromString("5b0c8f4e-3f2a-4d7e-9b1c-2a3d4e5f6a7b");
    private static final UUID MERGED_PERSON = UUID.fromString("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f");
    private static final UUID MERGE = UUID.fromString("3f6e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9");

    private final EventTypes<PatientEvent> types = new PatientEventCodec(FHIR).types();
    private final PatientFhirMapper fhir = new PatientFhirMapper(FHIR);

    @Test
    void patientRegisteredMatchesItsApprovedJson() throws IOException {
        PatientEvent event = new PatientRegistered(
                PERSON,
                "riverside-clinic",
                new Identifier("urn:riverside-clinic:mrn", "R-1001"),
                sample("urn:riverside-clinic:mrn", "R-1001"));

        assertEquals(PatientContracts.PATIENT_REGISTERED.typeName(), types.typeOf(event));
        Approvals.assertApproved(PatientContracts.PATIENT_REGISTERED, types.toJson(event));
        assertEquals(event, types.fromJson(types.typeOf(event), types.toJson(event)));
    }

    @Test
    void identifierLinkedMatchesItsApprovedJson() throws IOException {
        PatientEvent event = new IdentifierLinked(
                PERSON,
                "st-marys-hospital",
                new Identifier("urn:st-marys-hospital:mrn", "SM-77"),
                sample("urn:st-marys-hospital:mrn", "SM-77"),
                MatchedOn.DEMOGRAPHICS,
                new MatchEvidence(
                        52.5,
                        List.of(
                                new Contribution(Field.GIVEN, Level.EXACT, 5.4),
                                new Contribution(Field.FAMILY, Level.EXACT, 4.4),
                                new Contribution(Field.BIRTH_DATE, Level.TRANSPOSED, 10.2),
                                new Contribution(Field.GENDER, Level.EXACT, 1.0),
                                new Contribution(Field.PHONE, Level.EXACT, 19.8),
                                new Contribution(Field.ADDRESS, Level.DIFFERENT, -1.5),
                                new Contribution(Field.SSN, Level.EXACT, 13.2)),
                        List.of()));

        assertEquals(PatientContracts.IDENTIFIER_LINKED.typeName(), types.typeOf(event));
        Approvals.assertApproved(PatientContracts.IDENTIFIER_LINKED, types.toJson(event));
        assertEquals(event, types.fromJson(types.typeOf(event), types.toJson(event)));
    }

    @Test
    void matchReviewRequestedMatchesItsApprovedJson() throws IOException {
        PatientEvent event = reviewRequested(List.of("CORROBORATED"));

        assertEquals(PatientContracts.MATCH_REVIEW_REQUESTED.typeName(), types.typeOf(event));
        Approvals.assertApproved(PatientContracts.MATCH_REVIEW_REQUESTED, types.toJson(event));
        assertEquals(event, types.fromJson(types.typeOf(event), types.toJson(event)));
    }

    /** St Mary's possible match of {@code PERSON}: name, birth date and gender, nothing else. */
    private static MatchReviewRequested reviewRequested(List<String> heldBackBy) {
        return new MatchReviewRequested(
                UUID.fromString("8d2e4c1a-6b7f-4e3d-9a2b-1c0d9e8f7a6b"),
                UUID.fromString("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"),
                "st-marys-hospital",
                new Identifier("urn:st-marys-hospital:mrn", "SM-78"),
                PERSON,
                new MatchEvidence(
                        30.3,
                        List.of(
                                new Contribution(Field.GIVEN, Level.EXACT, 5.4),
                                new Contribution(Field.FAMILY, Level.EXACT, 4.4),
                                new Contribution(Field.BIRTH_DATE, Level.EXACT, 14.5),
                                new Contribution(Field.GENDER, Level.EXACT, 1.0),
                                new Contribution(Field.ADDRESS, Level.POSTAL_CODE, -3.2),
                                new Contribution(Field.PHONE, Level.DIFFERENT, -2.4)),
                        heldBackBy));
    }

    @Test
    void aReviewRequestedBeforeHeldBackByWasRecordedReadsAsNothingRecorded() throws IOException {
        // given a MatchReviewRequested written before decisions §47 (no heldBackBy)
        ObjectNode old =
                (ObjectNode) new ObjectMapper().readTree(types.toJson(reviewRequested(List.of("CORROBORATED"))));
        ((ObjectNode) old.get("match")).remove("heldBackBy");

        // when it is read
        PatientEvent read = types.fromJson(PatientContracts.MATCH_REVIEW_REQUESTED.typeName(), old.toString());

        // then it is the same review, with nothing recorded as held back
        assertEquals(reviewRequested(List.of()), read);
    }

    @Test
    void matchReviewDecidedMatchesItsApprovedJson() throws IOException {
        PatientEvent event = new MatchReviewDecided(
                UUID.fromString("8d2e4c1a-6b7f-4e3d-9a2b-1c0d9e8f7a6b"),
                UUID.fromString("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"),
                "st-marys-hospital",
                new Identifier("urn:st-marys-hospital:mrn", "SM-78"),
                PERSON,
                ReviewDecision.NOT_A_MATCH);

        assertEquals(PatientContracts.MATCH_REVIEW_DECIDED.typeName(), types.typeOf(event));
        Approvals.assertApproved(PatientContracts.MATCH_REVIEW_DECIDED, types.toJson(event));
        assertEquals(event, types.fromJson(types.typeOf(event), types.toJson(event)));
    }

    @Test
    void registrationRevisedMatchesItsApprovedJson() throws IOException {
        Patient married = new Patient();
        married.addIdentifier().setSystem("urn:riverside-clinic:mrn").setValue("R-1001");
        married.addName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setFamily("Lopez-Garcia")
                .addGiven("Ana")
                .addGiven("Maria");
        married.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue("555-0142")
                .setUse(ContactPoint.ContactPointUse.HOME);
        married.setGender(AdministrativeGender.FEMALE);
        married.getBirthDateElement().setValueAsString("1980-05-17");
        married.addAddress().addLine("40 Harbor Rd").setCity("Springfield").setPostalCode("01103");
        PatientEvent event = new RegistrationRevised(
                PERSON,
                "riverside-clinic",
                new Identifier("urn:riverside-clinic:mrn", "R-1001"),
                fhir.document(married),
                true);

        assertEquals(PatientContracts.REGISTRATION_REVISED.typeName(), types.typeOf(event));
        Approvals.assertApproved(PatientContracts.REGISTRATION_REVISED, types.toJson(event));
        assertEquals(event, types.fromJson(types.typeOf(event), types.toJson(event)));
    }

    @Test
    void demographicsAreReadBackFromTheEmbeddedPatient() throws IOException {
        PatientEvent read = types.fromJson(
                PatientContracts.PATIENT_REGISTERED.typeName(),
                Approvals.approved(PatientContracts.PATIENT_REGISTERED));

        PatientDocument patient =
                assertInstanceOf(PatientRegistered.class, read).patient();
        assertEquals("Ana Maria", patient.demographics().given());
        assertEquals("Lopez", patient.demographics().family());
        assertEquals("1980-05-17", patient.demographics().birthDate().toString());
    }

    private PatientDocument sample(String system, String value) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(system).setValue(value);
        patient.addName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setFamily("Lopez")
                .addGiven("Ana")
                .addGiven("Maria");
        patient.setGender(AdministrativeGender.FEMALE);
        patient.getBirthDateElement().setValueAsString("1980-05-17");
        return fhir.document(patient);
    }

    @Test
    void everyPublishedTypeHasAnApproval() {
        Approvals.assertCovers(
                "patient",
                types.registeredTypes(),
                List.of(
                        PatientContracts.PATIENT_REGISTERED.typeName(),
                        PatientContracts.IDENTIFIER_LINKED.typeName(),
                        PatientContracts.MATCH_REVIEW_REQUESTED.typeName(),
                        PatientContracts.MATCH_REVIEW_DECIDED.typeName(),
                        PatientContracts.PERSONS_MERGED.typeName(),
                        PatientContracts.PERSONS_UNMERGED.typeName(),
                        PatientContracts.REGISTRATION_REVISED.typeName(),
                        PatientContracts.PERSON_MERGE_REQUESTED.typeName()));
    }

    @Test
    void personMergeRequestedMatchesItsApprovedJson() throws IOException {
        String system = "urn:oid:2.16.840.1.113883.3.9999.2.1";
        PatientEvent event = new PatientEvent.PersonMergeRequested(
                UUID.fromString("4e6f8a0b-2c3d-4e5f-8a7b-9c0d1e2f3a4b"),
                UUID.fromString("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"),
                "st-marys-hospital",
                new Identifier(system, "SM-78"),
                PERSON,
                new Identifier(system, "SM-77"),
                "MSG-20261206-0042");

        assertEquals(PatientContracts.PERSON_MERGE_REQUESTED.typeName(), types.typeOf(event));
        Approvals.assertApproved(PatientContracts.PERSON_MERGE_REQUESTED, types.toJson(event));
        assertEquals(event, types.fromJson(types.typeOf(event), types.toJson(event)));
    }

    @Test
    void personsMergedMatchesItsApprovedJson() throws IOException {
        UUID review = UUID.fromString("8d2e4c1a-6b7f-4e3d-9a2b-1c0d9e8f7a6b");
        PatientEvent event = new PatientEvent.PersonsMerged(
                MERGE, MERGED_PERSON, PERSON, MERGED_PERSON, "match review " + review + ": link", review);

        assertEquals(PatientContracts.PERSONS_MERGED.typeName(), types.typeOf(event));
        Approvals.assertApproved(PatientContracts.PERSONS_MERGED, types.toJson(event));
        assertEquals(event, types.fromJson(types.typeOf(event), types.toJson(event)));
    }

    @Test
    void personsUnmergedMatchesItsApprovedJson() throws IOException {
        PatientEvent event = new PatientEvent.PersonsUnmerged(
                MERGE, PERSON, PERSON, MERGED_PERSON, "twins: different persons after all");

        assertEquals(PatientContracts.PERSONS_UNMERGED.typeName(), types.typeOf(event));
        Approvals.assertApproved(PatientContracts.PERSONS_UNMERGED, types.toJson(event));
        assertEquals(event, types.fromJson(types.typeOf(event), types.toJson(event)));
    }
}
