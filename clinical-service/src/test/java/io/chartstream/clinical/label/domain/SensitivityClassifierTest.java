package io.chartstream.clinical.label.domain;

import io.chartstream.clinical.label.domain.SensitivityClassifier.Code;
import io.chartstream.clinical.label.domain.SensitivityClassifier.ListedCode;
import io.chartstream.contracts.clinical.SecurityLabels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The labeling rules, given code lists / when an entry's codes are classified / then its labels. No Quarkus. */
class SensitivityClassifierTest {

    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    private static final SecurityLabel ETH = SecurityLabel.actCode(SecurityLabels.SUBSTANCE_USE);
    private static final SecurityLabel HIV = SecurityLabel.actCode(SecurityLabels.HIV);
    private static final SecurityLabel PSY = SecurityLabel.actCode(SecurityLabels.MENTAL_HEALTH);
    private static final SecurityLabel PART_2 = SecurityLabel.actCode(SecurityLabels.PART_2);
    private static final SecurityLabel R = SecurityLabel.restricted();

    // given: one list row of each kind
    private final SensitivityClassifier classifier = new SensitivityClassifier(List.of(
            new ListedCode(ICD10, "F11", true, SecurityLabels.SUBSTANCE_USE),
            new ListedCode(ICD10, "F32", true, SecurityLabels.MENTAL_HEALTH),
            new ListedCode(SNOMED, "86406008", false, SecurityLabels.HIV),
            new ListedCode(RXNORM, "1010600", false, SecurityLabels.SUBSTANCE_USE)));

    @Test
    void anIcd10CodeUnderAListedPrefixIsSubstanceUsePart2AndRestricted() {
        Set<SecurityLabel> labels = classifier.labels(List.of(new Code(ICD10, "F11.20")));

        assertEquals(Set.of(ETH, PART_2, R), labels);
    }

    @Test
    void aPrefixDoesNotMatchANeighbouringCategory() {
        Set<SecurityLabel> labels = classifier.labels(List.of(new Code(ICD10, "F12.10"), new Code(ICD10, "F1")));

        assertEquals(Set.of(), labels);
    }

    @Test
    void aSnomedCodeMatchesExactlyAndOnlyInItsOwnSystem() {
        assertEquals(Set.of(HIV, R), classifier.labels(List.of(new Code(SNOMED, "86406008"))));
        assertEquals(Set.of(), classifier.labels(List.of(new Code(SNOMED, "864060081"))));
        assertEquals(Set.of(), classifier.labels(List.of(new Code(SNOMED, "8640600"))));
        assertEquals(Set.of(), classifier.labels(List.of(new Code(ICD10, "86406008"))));
    }

    @Test
    void anRxNormBuprenorphineNaloxoneIsSubstanceUsePart2() {
        Set<SecurityLabel> labels = classifier.labels(List.of(new Code(RXNORM, "1010600")));

        assertEquals(Set.of(ETH, PART_2, R), labels);
    }

    @Test
    void anUnlistedCodeGetsNoLabel() {
        Set<SecurityLabel> labels = classifier.labels(List.of(new Code("http://loinc.org", "2345-7")));

        assertEquals(Set.of(), labels);
    }

    @Test
    void codesOfSeveralCategoriesGetEachCategoryAndOneR() {
        Set<SecurityLabel> labels = classifier.labels(List.of(
                new Code(ICD10, "F32.9"), new Code(SNOMED, "86406008"), new Code(null, null), new Code(SNOMED, null)));

        assertEquals(Set.of(HIV, PSY, R), labels);
    }

    @Test
    void labelsTheSourceAlreadySetAreNotAddedAgain() {
        List<SecurityLabel> setBySource = List.of(ETH, R);

        List<SecurityLabel> added = classifier.toAdd(List.of(new Code(ICD10, "F11.20")), setBySource);

        assertEquals(List.of(PART_2), added);
    }

    @Test
    void aSourceSetPart2OnAnotherCategoryStaysAndTheAssignedLabelsJoinIt() {
        List<SecurityLabel> added = classifier.toAdd(List.of(new Code(ICD10, "F32.9")), List.of(PART_2));

        assertEquals(List.of(PSY, R), added);
    }

    @Test
    void noRBesideAVeryRestrictedConfidentialityTheSourceSet() {
        SecurityLabel veryRestricted = new SecurityLabel(SecurityLabels.CONFIDENTIALITY_SYSTEM, "V");

        List<SecurityLabel> added = classifier.toAdd(List.of(new Code(SNOMED, "86406008")), List.of(veryRestricted));

        assertEquals(List.of(HIV), added);
    }

    @Test
    void aLowerConfidentialityTheSourceSetStaysAndRJoinsIt() {
        SecurityLabel normal = new SecurityLabel(SecurityLabels.CONFIDENTIALITY_SYSTEM, "N");

        List<SecurityLabel> added = classifier.toAdd(List.of(new Code(SNOMED, "86406008")), List.of(normal));

        assertEquals(List.of(HIV, R), added);
    }

    @Test
    void anUnlistedEntryGainsNothingBesideWhatTheSourceSet() {
        List<SecurityLabel> added = classifier.toAdd(List.of(new Code("http://loinc.org", "2345-7")), List.of(PART_2));

        assertEquals(List.of(), added);
    }
}
