package io.chartstream.clinical.label.domain;

import io.chartstream.clinical.label.domain.SensitivityClassifier.Code;
import io.chartstream.clinical.label.domain.SensitivityClassifier.ListedCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SensitivityClassifierTest {

    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private final SensitivityClassifier classifier = new SensitivityClassifier(List.of(
            new ListedCode(ICD10, "F11", true, "ETH"),
            new ListedCode(ICD10, "F32", true, "PSY"),
            new ListedCode(SNOMED, "86406008", false, "HIV"),
            new ListedCode(RXNORM, "6813", false, "ETH")));

    @Test
    void anIcd10CodeUnderAListedChapterIsLabelledAndSubstanceUseIsPart2() {
        assertEquals(Set.of("ETH", "42CFRPart2"), classifier.labels(List.of(new Code(ICD10, "F11.20"))));
    }

    @Test
    void anExactCodeMatchesOnlyItselfInItsOwnSystem() {
        assertEquals(Set.of("HIV"), classifier.labels(List.of(new Code(SNOMED, "86406008"))));
        assertEquals(Set.of(), classifier.labels(List.of(new Code(SNOMED, "864060080"))));
        assertEquals(Set.of(), classifier.labels(List.of(new Code(ICD10, "86406008"))));
    }

    @Test
    void aMedicationForSubstanceUseIsPart2Too() {
        assertEquals(Set.of("ETH", "42CFRPart2"), classifier.labels(List.of(new Code(RXNORM, "6813"))));
    }

    @Test
    void anUnlistedCodeGetsNoLabel() {
        assertEquals(Set.of(), classifier.labels(List.of(new Code("http://loinc.org", "2345-7"))));
    }

    @Test
    void codesOfSeveralCategoriesGetEachLabel() {
        assertEquals(
                Set.of("PSY", "HIV"),
                classifier.labels(
                        List.of(new Code(ICD10, "F32.9"), new Code(SNOMED, "86406008"), new Code(null, null))));
    }
}
