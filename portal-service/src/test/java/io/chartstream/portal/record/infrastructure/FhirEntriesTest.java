package io.chartstream.portal.record.infrastructure;

import io.chartstream.portal.record.Fhir;
import io.chartstream.portal.record.domain.PatientRecord;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the portal keeps of FHIR entries, without Quarkus. */
class FhirEntriesTest {

    private final EntryEvent entry =
            new EntryEvent(UUID.randomUUID(), UUID.randomUUID(), 4, "riverside-clinic", "dr.rivera", null);

    @Test
    void aQuantityKeepsItsNumberAsWrittenAndItsUnit() {
        PatientRecord.Observation o = FhirEntries.observation(entry, Fhir.glucose("5.40"));
        assertEquals("5.40", o.value());
        assertEquals(new BigDecimal("5.40"), o.numericValue());
        assertEquals("mg/dL", o.unit());
        assertEquals("2339-0", o.code());
        assertEquals(4, o.version());
        assertEquals("riverside-clinic", o.organization());
    }

    @Test
    void aQuantityWithoutAUnitTextFallsBackToItsUcumCode() {
        Observation observation = Fhir.glucose("95");
        observation.setValue(new Quantity()
                .setValue(95)
                .setSystem("http://unitsofmeasure.org")
                .setCode("mg/dL"));
        assertEquals("mg/dL", FhirEntries.observation(entry, observation).unit());
    }

    @Test
    void aCodedValueReadsAsItsDisplayAndAStringAsItself() {
        assertEquals(
                "Negative",
                FhirEntries.observation(entry, Fhir.codedResult("94500-6", "SARS-CoV-2", "260385009", "Negative"))
                        .value());
        PatientRecord.Observation string =
                FhirEntries.observation(entry, Fhir.stringResult("5778-6", "Color", "Amber"));
        assertEquals("Amber", string.value());
        assertNull(string.numericValue());
        assertNull(string.unit());
    }

    @Test
    void aBloodPressurePanelReadsAsItsComponents() {
        Observation bp = new Observation();
        bp.setCode(Fhir.concept(Fhir.LOINC, "85354-9", "Blood pressure panel"));
        bp.addComponent()
                .setCode(new CodeableConcept().setText("Systolic"))
                .setValue(new Quantity().setValue(120).setUnit("mmHg"));
        bp.addComponent()
                .setCode(new CodeableConcept().setText("Diastolic"))
                .setValue(new Quantity().setValue(80).setUnit("mmHg"));
        bp.setEffective(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2026-01-02T09:00:00Z")));
        PatientRecord.Observation o = FhirEntries.observation(entry, bp);
        assertEquals("Systolic 120 mmHg; Diastolic 80 mmHg", o.value());
        assertEquals("2026-01-02T09:00:00Z", o.effective());
    }

    @Test
    void aConceptWithoutTextOrDisplayReadsAsItsCode() {
        Observation observation = Fhir.glucose("95");
        observation.setCode(new CodeableConcept()
                .addCoding(new Coding().setSystem(Fhir.LOINC).setCode("2339-0")));
        assertEquals("2339-0", FhirEntries.observation(entry, observation).display());
    }

    @Test
    void aMedicationByReferenceReadsAsTheReferenceDisplayAndDosagesAreJoined() {
        MedicationRequest request = new MedicationRequest();
        request.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        request.setMedication(new Reference("Medication/1").setDisplay("Lisinopril 10 mg"));
        request.addDosageInstruction().setText("1 tablet in the morning");
        request.addDosageInstruction().setPatientInstruction("skip if dizzy");
        PatientRecord.Medication m = FhirEntries.medication(entry, request);
        assertEquals("Lisinopril 10 mg", m.display());
        assertEquals("1 tablet in the morning; skip if dizzy", m.dosage());
        assertEquals("stopped", m.status());
        assertNull(m.code());
    }

    @Test
    void anAllergyKeepsSubstanceCriticalityAndEachReaction() {
        PatientRecord.Allergy a = FhirEntries.allergy(entry, Fhir.allergy("7980", "Penicillin G", "Hives", "mild"));
        assertEquals("Penicillin G", a.substance());
        assertEquals("high", a.criticality());
        assertEquals("active", a.clinicalStatus());
        assertEquals(List.of(new PatientRecord.Reaction(List.of("Hives"), "mild")), a.reactions());
    }

    @Test
    void aConditionKeepsItsStatusesAndDates() {
        PatientRecord.Condition c =
                FhirEntries.condition(entry, Fhir.condition("44054006", "Diabetes mellitus type 2"));
        assertEquals("Diabetes mellitus type 2", c.display());
        assertEquals("active", c.clinicalStatus());
        assertEquals("confirmed", c.verificationStatus());
        assertEquals("2019-06-01", c.onset());
        assertEquals("2019-06-03", c.recordedDate());
    }
}
