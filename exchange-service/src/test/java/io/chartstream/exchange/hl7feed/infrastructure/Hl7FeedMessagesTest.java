package io.chartstream.exchange.hl7feed.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A03;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.util.Terser;
import io.chartstream.exchange.hl7.domain.SegmentRef;
import io.chartstream.exchange.hl7.infrastructure.Hl7Codec;
import io.chartstream.exchange.hl7.infrastructure.PatientSegment;
import io.chartstream.exchange.hl7.infrastructure.ResultSegments;
import io.chartstream.exchange.subscription.domain.FeedItem;
import io.chartstream.exchange.subscription.domain.Unsendable;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the HL7 feed sends, read back with the exchange's own HL7 v2 intake (the same HAPI model). */
class Hl7FeedMessagesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String MRN_SYSTEM = "urn:oid:1.2.36.146.595.217.0.1";
    private static final UUID PERSON = UUID.fromString("0b7f5b8e-2a43-4b4e-9f7a-3c1f1c0d2e11");

    private final Hl7FeedMessages messages = new Hl7FeedMessages(FHIR);
    private final Hl7Codec codec = new Hl7Codec();

    @Test
    void anObservationIsAnOruWhoseObxReadsBackAsTheSameResult() throws Exception {
        Observation hba1c = new Observation()
                .setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c")))
                .setValue(new Quantity()
                        .setValue(new BigDecimal("6.9"))
                        .setUnit("%")
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("%"))
                .setEffective(new DateTimeType("2026-12-01T08:30:00+01:00"));
        hba1c.addReferenceRange()
                .setLow(new org.hl7.fhir.r4.model.Quantity().setValue(4).setUnit("%"))
                .setHigh(new Quantity().setValue(new BigDecimal("5.6")).setUnit("%"));
        hba1c.addInterpretation()
                .addCoding(
                        new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "H", "High"));
        hba1c.setId("7d1e0c6a-1111-4c3b-8a55-0f3a7c9e2b10");

        Message oru = codec.parse(messages.message("riverside-clinic", item(42, "added", hba1c), patient())
                .orElseThrow());

        ORU_R01 message = assertInstanceOf(ORU_R01.class, oru);
        Terser terser = new Terser(message);
        assertEquals("ORU", terser.get("/MSH-9-1"));
        assertEquals("R01", terser.get("/MSH-9-2"));
        assertEquals("F42", terser.get("/MSH-10"), "the feed's event number, the same on every attempt");
        assertEquals("riverside-clinic", terser.get("/MSH-6-1"));
        assertEquals(hba1c.getIdPart(), terser.get("/.OBR-3-1"));
        var obx = message.getPATIENT_RESULT()
                .getORDER_OBSERVATION()
                .getOBSERVATION()
                .getOBX();
        Observation read = ResultSegments.observation(
                obx, SegmentRef.first("OBX"), new Reference("Patient/x"), new DiagnosticReport());
        assertEquals("4548-4", read.getCode().getCodingFirstRep().getCode());
        assertEquals("http://loinc.org", read.getCode().getCodingFirstRep().getSystem());
        assertEquals(0, new BigDecimal("6.9").compareTo(read.getValueQuantity().getValue()));
        assertEquals("%", read.getValueQuantity().getCode());
        assertEquals(
                0,
                new BigDecimal("4")
                        .compareTo(read.getReferenceRangeFirstRep().getLow().getValue()));
        assertEquals(
                0,
                new BigDecimal("5.6")
                        .compareTo(read.getReferenceRangeFirstRep().getHigh().getValue()));
        assertEquals("H", read.getInterpretationFirstRep().getCodingFirstRep().getCode());
        assertEquals(Observation.ObservationStatus.FINAL, read.getStatus());
        assertEquals(
                "2026-12-01T08:30:00+01:00", read.getEffectiveDateTimeType().getValueAsString());
    }

    @Test
    void pidIsTheOrganizationsViewOfThePersonWithTheExchangesPersonId() throws Exception {
        Observation observation = new Observation()
                .setStatus(Observation.ObservationStatus.PRELIMINARY)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "2345-7", "Glucose")))
                .setValue(new org.hl7.fhir.r4.model.StringType("pending"));
        observation.setId("obs-1");

        ORU_R01 oru =
                (ORU_R01) codec.parse(messages.message("riverside-clinic", item(1, "updated", observation), patient())
                        .orElseThrow());

        var pid = oru.getPATIENT_RESULT().getPATIENT().getPID();
        PatientSegment.Registration read = PatientSegment.read(pid, List.of(MRN_SYSTEM));
        assertEquals("MRN-4711", read.matchedOn().getValue(), "the organization's own MRN, in its own system");
        assertEquals("Okafor", read.patient().getNameFirstRep().getFamily());
        assertEquals("Ada", read.patient().getNameFirstRep().getGivenAsSingleString());
        assertEquals("1961-02-03", read.patient().getBirthDateElement().getValueAsString());
        assertEquals(AdministrativeGender.FEMALE, read.patient().getGender());
        assertEquals(
                PERSON.toString(), pid.getPatientIdentifierList(1).getIDNumber().getValue());
        assertEquals(
                "CHARTSTREAM",
                pid.getPatientIdentifierList(1)
                        .getAssigningAuthority()
                        .getNamespaceID()
                        .getValue());
        assertEquals(
                "P",
                oru.getPATIENT_RESULT()
                        .getORDER_OBSERVATION()
                        .getOBR()
                        .getResultStatus()
                        .getValue());
        assertEquals(
                "ST",
                oru.getPATIENT_RESULT()
                        .getORDER_OBSERVATION()
                        .getOBSERVATION()
                        .getOBX()
                        .getValueType()
                        .getValue());
    }

    @Test
    void anInpatientVisitIsAnA01ThenAnA03WhenFinished() throws Exception {
        Encounter visit = new Encounter()
                .setStatus(Encounter.EncounterStatus.INPROGRESS)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient"));
        visit.setId("enc-9");
        visit.addIdentifier().setValue("V-12345");
        visit.getPeriod().setStartElement(new DateTimeType("2026-12-01T06:00:00Z"));
        visit.addLocation().setLocation(new Reference().setDisplay("4N"));

        ADT_A01 admit = assertInstanceOf(
                ADT_A01.class,
                codec.parse(messages.message("riverside-clinic", item(5, "added", visit), patient())
                        .orElseThrow()));
        assertEquals("A01", admit.getMSH().getMessageType().getTriggerEvent().getValue());
        assertEquals("A01", admit.getEVN().getEventTypeCode().getValue());
        assertEquals("I", admit.getPV1().getPatientClass().getValue());
        assertEquals("V-12345", admit.getPV1().getVisitNumber().getIDNumber().getValue());
        assertEquals(
                "4N",
                admit.getPV1().getAssignedPatientLocation().getPointOfCare().getValue());
        assertTrue(admit.getPV1().getAdmitDateTime().getTime().getValue().startsWith("20261201"));

        visit.setStatus(Encounter.EncounterStatus.FINISHED);
        visit.getPeriod().setEndElement(new DateTimeType("2026-12-04T10:00:00Z"));
        ADT_A03 discharge = assertInstanceOf(
                ADT_A03.class,
                codec.parse(messages.message("riverside-clinic", item(6, "updated", visit), patient())
                        .orElseThrow()));
        assertEquals(
                "A03", discharge.getMSH().getMessageType().getTriggerEvent().getValue());
        assertTrue(
                discharge.getPV1().getDischargeDateTime(0).getTime().getValue().startsWith("20261204"));
    }

    @Test
    void otherResourcesAndRemovalsAreNotSent() {
        Patient patient = patient();
        assertEquals(Optional.empty(), messages.message("riverside-clinic", item(3, "updated", patient), patient));
        Observation gone = new Observation();
        gone.setId("obs-2");
        assertEquals(Optional.empty(), messages.message("riverside-clinic", item(4, "removed", gone), patient));
    }

    @Test
    void aQuantityWithoutAValueAndARangeWithoutBoundsAreSentWithoutThem() throws Exception {
        Observation observation = new Observation()
                .setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "2345-7", "Glucose")))
                .setValue(new Quantity().setUnit("mmol/L"));
        observation.addReferenceRange().setText("see lab comment");
        observation.setId("obs-4");

        ORU_R01 oru =
                (ORU_R01) codec.parse(messages.message("riverside-clinic", item(8, "added", observation), patient())
                        .orElseThrow());

        var obx =
                oru.getPATIENT_RESULT().getORDER_OBSERVATION().getOBSERVATION().getOBX();
        assertEquals(0, obx.getObservationValueReps());
        assertEquals("see lab comment", obx.getReferencesRange().getValue());
    }

    @Test
    void contentThatCannotBeReadIsUnsendableNotAnotherException() {
        FeedItem unreadable = new FeedItem(
                9,
                UUID.randomUUID(),
                Instant.parse("2026-12-01T08:31:00Z"),
                "added",
                "{\"resourceType\":\"Observation\",\"status\":",
                PERSON,
                "Observation/obs-5",
                null);
        Unsendable e =
                assertThrows(Unsendable.class, () -> messages.message("riverside-clinic", unreadable, patient()));
        assertTrue(e.getMessage().contains("Observation/obs-5"), e.getMessage());
    }

    @Test
    void aResendIsTheSameMessage() {
        Observation observation = new Observation()
                .setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "2345-7", "Glucose")))
                .setValue(new Quantity().setValue(5).setUnit("mmol/L"));
        observation.setId("obs-3");
        FeedItem item = item(7, "added", observation);
        assertEquals(
                messages.message("riverside-clinic", item, patient()),
                messages.message("riverside-clinic", item, patient()));
    }

    private static Patient patient() {
        Patient patient = new Patient();
        patient.setId(PERSON.toString());
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue("MRN-4711");
        patient.addName().setFamily("Okafor").addGiven("Ada");
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1961-02-03"));
        patient.setGender(AdministrativeGender.FEMALE);
        return patient;
    }

    private static FeedItem item(long number, String change, Resource resource) {
        return new FeedItem(
                number,
                UUID.randomUUID(),
                Instant.parse("2026-12-01T08:31:00Z"),
                change,
                FHIR.newJsonParser().encodeResourceToString(resource),
                PERSON,
                resource.fhirType() + "/" + resource.getIdElement().getIdPart(),
                null);
    }
}
