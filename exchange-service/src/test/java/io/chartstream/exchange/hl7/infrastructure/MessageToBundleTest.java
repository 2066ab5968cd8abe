package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.Message;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given an HL7 v2 message (built with HAPI, parsed as the listener parses it), when converted, then the transaction. */
class MessageToBundleTest {

    private static final String OID = "2.16.840.1.113883.3.7001.1";
    private static final List<String> SYSTEMS = List.of("urn:oid:" + OID);
    private static final Hl7TestMessages.Person ANA =
            new Hl7TestMessages.Person("MRN-1", OID, "Rivera", "Ana", "19800214");
    private static final Hl7Codec CODEC = new Hl7Codec();

    private static MessageBundle convert(ca.uhn.hl7v2.model.AbstractMessage sent) throws Exception {
        Message parsed = CODEC.parse(sent.encode());
        return MessageToBundle.convert(parsed, Hl7Header.of(parsed), SYSTEMS, Instant.parse("2026-12-05T09:00:00Z"));
    }

    @Test
    void anUpdateOfPatientInformationRevisesTheRegistrationOnItsMrn() throws Exception {
        Hl7TestMessages.Person married = new Hl7TestMessages.Person("MRN-1", OID, "Rivera-Stone", "Ana", "19800214");
        for (var sent : List.<ca.uhn.hl7v2.model.AbstractMessage>of(
                Hl7TestMessages.admission("A08", "RIVERSIDE", "C8", married),
                Hl7TestMessages.personUpdate("RIVERSIDE", "C31", married))) {
            Bundle bundle = convert(sent).bundle();

            Bundle.BundleEntryRequestComponent request =
                    bundle.getEntryFirstRep().getRequest();
            assertEquals(Bundle.HTTPVerb.PUT, request.getMethod(), "a conditional update, not a create");
            assertEquals("Patient?identifier=urn:oid:" + OID + "|MRN-1", request.getUrl());
            assertNull(request.getIfNoneExist());
            assertEquals(
                    "Rivera-Stone",
                    ((Patient) bundle.getEntryFirstRep().getResource())
                            .getNameFirstRep()
                            .getFamily());
        }
        assertEquals(
                List.of("Patient", "Provenance"),
                convert(Hl7TestMessages.personUpdate("RIVERSIDE", "C31", married)).bundle().getEntry().stream()
                        .map(e -> e.getResource().fhirType())
                        .toList(),
                "an A31 reports no visit");
    }

    @Test
    void anAdmissionRegistersThePatientOnItsMrnAndRecordsEncounterAllergyDiagnosisAndProvenance() throws Exception {
        MessageBundle converted = convert(Hl7TestMessages.admission("A01", "RIVERSIDE", "C1", ANA));

        Bundle bundle = converted.bundle();
        assertEquals(
                List.of("Patient", "Encounter", "AllergyIntolerance", "Condition", "Provenance"),
                bundle.getEntry().stream().map(e -> e.getResource().fhirType()).toList());
        assertEquals(
                List.of("PID", "PV1", "AL1", "DG1", "MSH"),
                converted.sources().stream().map(SegmentRef::segment).toList());
        assertEquals(
                "identifier=urn:oid:" + OID + "|MRN-1",
                bundle.getEntryFirstRep().getRequest().getIfNoneExist());
        Patient patient = (Patient) bundle.getEntry().get(0).getResource();
        assertEquals("Rivera", patient.getNameFirstRep().getFamily());
        assertEquals("1980-02-14", patient.getBirthDateElement().getValueAsString());
        Encounter encounter = (Encounter) bundle.getEntry().get(1).getResource();
        assertEquals(Encounter.EncounterStatus.INPROGRESS, encounter.getStatus());
        assertEquals("IMP", encounter.getClass_().getCode());
        assertEquals("V-C1", encounter.getIdentifierFirstRep().getValue());
        assertEquals(
                bundle.getEntry().get(0).getFullUrl(), encounter.getSubject().getReference());
        AllergyIntolerance allergy =
                (AllergyIntolerance) bundle.getEntry().get(2).getResource();
        assertEquals(
                "http://www.nlm.nih.gov/research/umls/rxnorm",
                allergy.getCode().getCodingFirstRep().getSystem());
        assertEquals(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH, allergy.getCriticality());
        Condition diagnosis = (Condition) bundle.getEntry().get(3).getResource();
        assertEquals("J18.9", diagnosis.getCode().getCodingFirstRep().getCode());
        assertEquals(
                bundle.getEntry().get(1).getFullUrl(), diagnosis.getEncounter().getReference());
        Provenance provenance = (Provenance) bundle.getEntry().get(4).getResource();
        assertEquals(4, provenance.getTarget().size());
        assertEquals(
                "C1", provenance.getEntityFirstRep().getWhat().getIdentifier().getValue());
        assertEquals(
                "RIVERSIDE",
                provenance.getAgentFirstRep().getWho().getIdentifier().getValue());
    }

    @Test
    void theSameMessageBuildsTheSameEntryUrls() throws Exception {
        var sent = Hl7TestMessages.admission("A01", "RIVERSIDE", "C2", ANA);
        assertEquals(
                convert(sent).bundle().getEntry().stream()
                        .map(Bundle.BundleEntryComponent::getFullUrl)
                        .toList(),
                convert(sent).bundle().getEntry().stream()
                        .map(Bundle.BundleEntryComponent::getFullUrl)
                        .toList());
    }

    @Test
    void aDischargeFinishesTheEncounter() throws Exception {
        var sent = Hl7TestMessages.admission("A03", "RIVERSIDE", "C3", ANA);
        // A03 is its own structure; the A01 built here is re-read as what it says it is
        sent.getMSH().getMessageType().getMessageStructure().setValue("ADT_A03");
        var encounter = (Encounter) convert(sent).bundle().getEntry().get(1).getResource();
        assertEquals(Encounter.EncounterStatus.FINISHED, encounter.getStatus());
    }

    @Test
    void aLabResultIsAReportWithItsObservationsInLoincAndUcumWithRangesAndFlags() throws Exception {
        Bundle bundle =
                convert(Hl7TestMessages.labResult("RIVERSIDE", "C4", ANA)).bundle();

        assertEquals(
                List.of("Patient", "DiagnosticReport", "Observation", "Observation", "Provenance"),
                bundle.getEntry().stream().map(e -> e.getResource().fhirType()).toList());
        DiagnosticReport report = (DiagnosticReport) bundle.getEntry().get(1).getResource();
        assertEquals("http://loinc.org", report.getCode().getCodingFirstRep().getSystem());
        assertEquals(DiagnosticReport.DiagnosticReportStatus.FINAL, report.getStatus());
        assertEquals(
                List.of(
                        bundle.getEntry().get(2).getFullUrl(),
                        bundle.getEntry().get(3).getFullUrl()),
                report.getResult().stream().map(r -> r.getReference()).toList());
        Observation potassium = (Observation) bundle.getEntry().get(3).getResource();
        assertEquals("2823-3", potassium.getCode().getCodingFirstRep().getCode());
        Quantity value = potassium.getValueQuantity();
        assertEquals("5.9", value.getValue().toPlainString());
        assertEquals("http://unitsofmeasure.org", value.getSystem());
        assertEquals("mmol/L", value.getCode());
        assertEquals(
                "3.5", potassium.getReferenceRangeFirstRep().getLow().getValue().toPlainString());
        assertEquals(
                "5.1",
                potassium.getReferenceRangeFirstRep().getHigh().getValue().toPlainString());
        assertEquals(
                "H", potassium.getInterpretationFirstRep().getCodingFirstRep().getCode());
    }

    @Test
    void aVaccinationIsAnImmunizationInCvx() throws Exception {
        Bundle bundle =
                convert(Hl7TestMessages.vaccination("RIVERSIDE", "C5", ANA)).bundle();

        Immunization immunization = (Immunization) bundle.getEntry().get(1).getResource();
        assertEquals(
                "http://hl7.org/fhir/sid/cvx",
                immunization.getVaccineCode().getCodingFirstRep().getSystem());
        assertEquals("208", immunization.getVaccineCode().getCodingFirstRep().getCode());
        assertEquals(Immunization.ImmunizationStatus.COMPLETED, immunization.getStatus());
        assertEquals("LOT-C5", immunization.getLotNumber());
        assertEquals("2026-12-01", immunization.getOccurrenceDateTimeType().getValueAsString());
    }

    @Test
    void aPatientWithoutAnIdentifierOfTheOrganizationsAuthoritiesIsAnErrorAtPid3() throws Exception {
        var stranger = new Hl7TestMessages.Person("X-9", "1.2.3.4", "Doe", "Jo", "19700101");
        ContentError error = assertThrows(
                ContentError.class, () -> convert(Hl7TestMessages.admission("A01", "RIVERSIDE", "C6", stranger)));
        assertEquals(new SegmentRef("PID", 1), error.segment());
        assertEquals(3, error.field());
    }

    @Test
    void aResultThatIsNotANumberIsAnErrorAtItsObx() throws Exception {
        String er7 = Hl7TestMessages.labResult("RIVERSIDE", "C7", ANA).encode().replace("|5.9|", "|high|");

        Message parsed = CODEC.parse(er7);
        ContentError error = assertThrows(
                ContentError.class,
                () -> MessageToBundle.convert(parsed, Hl7Header.of(parsed), SYSTEMS, Instant.now()));
        assertEquals(new SegmentRef("OBX", 2), error.segment());
        assertEquals(5, error.field());
        assertEquals(ErrorCode.DATA_TYPE_ERROR, error.code());
    }

    @Test
    void aBirthDateThatIsNotADateIsAnErrorAtPid7() throws Exception {
        var sent = Hl7TestMessages.admission("A01", "RIVERSIDE", "C8", ANA);
        sent.getPID().getDateTimeOfBirth().getTime().setValue("19800214");
        String er7 = sent.encode().replace("|19800214|", "|1980-02-14x|");

        Message parsed = CODEC.parse(er7);
        ContentError error = assertThrows(
                ContentError.class,
                () -> MessageToBundle.convert(parsed, Hl7Header.of(parsed), SYSTEMS, Instant.now()));
        assertEquals(new SegmentRef("PID", 1), error.segment());
        assertEquals(7, error.field());
    }

    @Test
    void unknownTypesAreUnsupportedWithAReasonNamingWhatIsTaken() {
        assertNull(MessageToBundle.unsupported(new Hl7Header("F", "1", "ADT", "A04")));
        String refusal = MessageToBundle.unsupported(new Hl7Header("F", "1", "ORM", "O01"));
        assertTrue(refusal.contains("not supported"), refusal);
        assertTrue(refusal.contains("ADT^A40"), "a merge request is taken too: " + refusal);
    }
}
