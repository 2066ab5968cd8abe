package io.chartstream.portal.record;

import io.chartstream.contracts.EventType;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static io.chartstream.portal.record.PatientRecordApiTest.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the patient-record projection treats the event stream: skips, refusals, linking, rebuild. */
@QuarkusTest
class PatientRecordProjectionTest {

    private static final String VIEW = "view_patient_record";

    @Inject
    DataSource dataSource;

    @Test
    void unknownEventTypesAndResourceTypesAreSkippedWithoutDeadLettering() throws SQLException {
        UUID person = UUID.randomUUID();
        Immunization immunization = new Immunization();
        immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
        immunization.setVaccineCode(new CodeableConcept().setText("Influenza"));
        UUID unknownType = PublishedEvents.entry(
                new EventType("clinical", "ImmunizationRecorded", 1).value(),
                UUID.randomUUID(),
                person,
                "riverside-clinic",
                immunization,
                1);
        UUID unknownResource = PublishedEvents.amended(UUID.randomUUID(), person, "riverside-clinic", immunization, 2);
        PublishedEvents.recorded(
                ClinicalContracts.OBSERVATION_RECORDED.typeName(), person, "riverside-clinic", Fhir.glucose("95"));

        Eventually.assertThat(() -> record("pat", person).body("observations", hasSize(1)));
        record("pat", person)
                .body("conditions", hasSize(0))
                .body("medications", hasSize(0))
                .body("allergies", hasSize(0));
        assertTrue(applied(unknownType), "the unknown event type is consumed, not left behind");
        assertTrue(applied(unknownResource), "an amendment of a kind the portal does not show is consumed");
        assertEquals(0, deadLetters(unknownType) + deadLetters(unknownResource));
    }

    @Test
    void anEventWhoseSubjectDisagreesWithItsPersonIdIsDeadLetteredNotFiled() throws SQLException {
        UUID alice = UUID.randomUUID();
        UUID mallory = UUID.randomUUID();
        UUID refused = PublishedEvents.entry(
                ClinicalContracts.OBSERVATION_RECORDED.typeName(),
                mallory.toString(),
                UUID.randomUUID(),
                alice,
                "riverside-clinic",
                Fhir.glucose("300"),
                1);
        PublishedEvents.recorded(
                ClinicalContracts.OBSERVATION_RECORDED.typeName(), mallory, "riverside-clinic", Fhir.glucose("99"));

        // same key (mallory), same partition: once the second shows, the first was handled
        Eventually.assertThat(() -> record("mallory", mallory).body("observations", hasSize(1)));
        record("mallory", mallory).body("observations.value", contains("99"));
        record("alice", alice).body("observations", hasSize(0));
        assertEquals(1, deadLetters(refused));
    }

    @Test
    void anEntryEnteredInErrorLeavesThePatientsRecordAndAnOlderVersionDoesNotBringItBack() {
        UUID person = UUID.randomUUID();
        PublishedEvents.recorded(
                ClinicalContracts.ENTRY_RECORDED.typeName(), person, "riverside-clinic", Fhir.glucose("95"));
        UUID wrong = PublishedEvents.recorded(
                ClinicalContracts.ENTRY_RECORDED.typeName(), person, "riverside-clinic", Fhir.glucose("300"));
        UUID allergy = PublishedEvents.recorded(
                ClinicalContracts.ENTRY_RECORDED.typeName(),
                person,
                "riverside-clinic",
                Fhir.allergy("7980", "Penicillin G", "Hives", "moderate"));
        Eventually.assertThat(
                () -> record("pat", person).body("observations", hasSize(2)).body("allergies", hasSize(1)));

        PublishedEvents.entry(
                ClinicalContracts.ENTRY_ENTERED_IN_ERROR.typeName(),
                wrong,
                person,
                "riverside-clinic",
                Fhir.glucose("300").setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.ENTEREDINERROR),
                2);
        PublishedEvents.entry(
                ClinicalContracts.ENTRY_ENTERED_IN_ERROR.typeName(),
                allergy,
                person,
                "riverside-clinic",
                Fhir.allergy("7980", "Penicillin G", "Hives", "moderate"),
                2);
        // a late older version of the withdrawn entry (same key, so it is applied after the withdrawal)
        PublishedEvents.entry(
                ClinicalContracts.ENTRY_RECORDED.typeName(), wrong, person, "riverside-clinic", Fhir.glucose("300"), 1);
        PublishedEvents.recorded(
                ClinicalContracts.ENTRY_RECORDED.typeName(), person, "riverside-clinic", Fhir.glucose("101"));

        // same key, same partition: once the last shows, the ones before it were applied
        Eventually.assertThat(() -> record("pat", person).body("observations.value", containsInAnyOrder("95", "101")));
        record("pat", person).body("allergies", hasSize(0));
    }

    @Test
    void aVisitIsShownOnceWithItsLatestStatusAndLocation() {
        UUID person = UUID.randomUUID();
        Encounter admitted = Fhir.inpatientStay("2026-12-05T08:30:00Z", "4W room 412");
        UUID visit = PublishedEvents.recorded(
                ClinicalContracts.ENTRY_RECORDED.typeName(), person, "riverside-clinic", admitted);
        Encounter discharged = admitted.copy().setStatus(Encounter.EncounterStatus.FINISHED);
        discharged.getPeriod().setEndElement(new DateTimeType("2026-12-07T14:00:00Z"));
        discharged.getLocationFirstRep().setStatus(Encounter.EncounterLocationStatus.COMPLETED);
        discharged
                .addLocation()
                .setStatus(Encounter.EncounterLocationStatus.ACTIVE)
                .setLocation(new Reference().setDisplay("5E"));
        PublishedEvents.amended(visit, person, "riverside-clinic", discharged, 2);

        Eventually.assertThat(() -> record("pat", person).body("visits.status", contains("finished")));
        record("pat", person)
                .body("visits[0].type", equalTo("inpatient encounter"))
                .body("visits[0].location", equalTo("5E"))
                .body("visits[0].end", equalTo("2026-12-07T14:00:00Z"))
                .body("visits[0].organization", equalTo("riverside-clinic"));
    }

    @Test
    void aPayloadThatBreaksItsContractIsDeadLetteredWithTheMissingFieldNamed() throws SQLException {
        UUID person = UUID.randomUUID();
        UUID broken = PublishedEvents.recordedWithout(
                "organization", ClinicalContracts.OBSERVATION_RECORDED.typeName(), person, Fhir.glucose("300"));
        PublishedEvents.recorded(
                ClinicalContracts.OBSERVATION_RECORDED.typeName(), person, "riverside-clinic", Fhir.glucose("99"));

        // same key, same partition: once the second shows, the first was handled
        Eventually.assertThat(() -> record("pat", person).body("observations", hasSize(1)));
        record("pat", person).body("observations.value", contains("99"));
        assertEquals(1, deadLetters(broken));
        assertTrue(
                deadLetterReason(broken).contains("organization"),
                "the reason names the missing field: " + deadLetterReason(broken));
    }

    @Test
    void aLinkedIdentifierIsAddedAndTheRegisteredNameStays() {
        UUID person = UUID.randomUUID();
        PublishedEvents.patientRegistered(
                person,
                "riverside-clinic",
                "urn:riverside:mrn",
                "R-77",
                Fhir.patient("Alice", "Walker", "1984-02-11", AdministrativeGender.FEMALE));
        PublishedEvents.identifierLinked(
                person,
                "st-marys-hospital",
                "urn:st-marys:mrn",
                "SM-5",
                Fhir.patient("Alyce", "Walker", "1984-02-11", AdministrativeGender.FEMALE),
                2);

        Eventually.assertThat(() -> record("alice", person).body("demographics.identifiers", hasSize(2)));
        record("alice", person)
                .body("demographics.name", equalTo("Alice Walker"))
                .body("demographics.registeredBy", equalTo("riverside-clinic"))
                .body(
                        "demographics.identifiers.organization",
                        containsInAnyOrder("riverside-clinic", "st-marys-hospital"))
                .body("demographics.identifiers.value", containsInAnyOrder("R-77", "SM-5"));
    }

    @Test
    void aRebuiltViewEqualsTheLiveOne() {
        UUID person = UUID.randomUUID();
        PublishedEvents.patientRegistered(
                person,
                "riverside-clinic",
                "urn:riverside:mrn",
                "RB-1",
                Fhir.patient("Rene", "Builder", "1990-01-01", AdministrativeGender.OTHER));
        UUID entry = PublishedEvents.recorded(
                ClinicalContracts.OBSERVATION_RECORDED.typeName(), person, "riverside-clinic", Fhir.glucose("95"));
        PublishedEvents.amended(entry, person, "riverside-clinic", Fhir.glucose("101"), 2);
        PublishedEvents.recorded(
                ClinicalContracts.ALLERGY_INTOLERANCE_RECORDED.typeName(),
                person,
                "riverside-clinic",
                Fhir.allergy("7980", "Penicillin G", "Hives", "severe"));
        Eventually.assertThat(() -> record("rene", person)
                .body("observations[0].version", equalTo(2))
                .body("allergies", hasSize(1)));
        String live = record("rene", person).extract().asString();

        String admin = TestTokens.withRoles("operator", "hie-admin");
        given().auth()
                .oauth2(admin)
                .when()
                .post("/admin/projections/patient-record/rebuild")
                .then()
                .statusCode(202);
        Eventually.assertThat(
                java.time.Duration.ofSeconds(90),
                () -> given().auth()
                        .oauth2(admin)
                        .when()
                        .get("/admin/projections/patient-record/rebuild")
                        .then()
                        .statusCode(200)
                        .body("state", equalTo("done")));

        assertEquals(live, record("rene", person).extract().asString());
    }

    private boolean applied(UUID eventId) throws SQLException {
        return count("select count(*) from " + VIEW + ".applied_event where event_id = ?", eventId) == 1;
    }

    private int deadLetters(UUID eventId) throws SQLException {
        return count("select count(*) from " + VIEW + ".dead_letter where event_id = ?", eventId.toString());
    }

    private String deadLetterReason(UUID eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("select reason from " + VIEW + ".dead_letter where event_id = ?")) {
            ps.setString(1, eventId.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private int count(String sql, Object parameter) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
