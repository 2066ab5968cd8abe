package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.label.domain.SensitivityClassifier;
import io.chartstream.clinical.label.domain.SensitivityClassifier.Code;
import io.chartstream.clinical.label.domain.SensitivityClassifier.ListedCode;
import io.chartstream.contracts.clinical.SecurityLabels;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.chartstream.testsupport.FhirSamples.LOINC;
import static io.chartstream.testsupport.FhirSamples.SNOMED;
import static io.chartstream.testsupport.FhirSamples.glucose;
import static io.chartstream.testsupport.FhirSamples.metformin;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which codings of an entry the labels look at, and what lands in meta.security. Plain JUnit with HAPI models. */
class EntryLabelsTest {

    private static final UUID PERSON = UUID.randomUUID();
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";

    private final EntryLabels labels = new EntryLabels(
            new SensitivityClassifier(List.of(new ListedCode(SNOMED, "86406008", false, SecurityLabels.HIV))));

    @Test
    void anObservationIsReadFromEveryCodingOfItsCodeAndItsCodedValue() {
        Observation o = glucose(PERSON, 1);
        o.getCode().addCoding(new Coding(LOINC, "7917-8", null));
        o.setValue(new CodeableConcept(new Coding(SNOMED, "86406008", null)));

        assertEquals(
                List.of(new Code(LOINC, "2345-7"), new Code(LOINC, "7917-8"), new Code(SNOMED, "86406008")),
                EntryLabels.codesOf(o));
    }

    @Test
    void aCodedValueAloneLabelsTheObservation() {
        Observation o = glucose(PERSON, 1);
        o.setValue(new CodeableConcept(new Coding(SNOMED, "86406008", null)));

        labels.label(o);

        assertEquals(
                List.of(SecurityLabels.HIV, SecurityLabels.RESTRICTED),
                o.getMeta().getSecurity().stream().map(Coding::getCode).toList());
    }

    @Test
    void aConditionIsReadFromEveryCodingOfItsCode() {
        Condition c = new Condition();
        c.setSubject(new Reference("Patient/" + PERSON));
        c.setCode(
                new CodeableConcept(new Coding(ICD10, "J18.9", null)).addCoding(new Coding(SNOMED, "86406008", null)));

        assertEquals(List.of(new Code(ICD10, "J18.9"), new Code(SNOMED, "86406008")), EntryLabels.codesOf(c));
    }

    @Test
    void aMedicationByReferenceHasNoCodeToReadYet() {
        MedicationRequest m = metformin(PERSON);
        m.setMedication(new Reference("#med"));

        assertEquals(List.of(), EntryLabels.codesOf(m));
    }
}
