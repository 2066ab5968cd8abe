package io.chartstream.clinical.label.infrastructure;

import io.chartstream.clinical.label.domain.SensitivityClassifier;
import io.chartstream.clinical.label.domain.SensitivityClassifier.Code;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped code lists: each parses, says what it is, its version and its source, and is used. */
class CodeListsTest {

    @Test
    void everyListParsesAndDeclaresItsVersionAndSource() {
        CodeLists.FILES.forEach((file, label) -> {
            assertFalse(CodeLists.read(file, label).isEmpty(), file + " has codes");
            String header = CodeLists.header(file);
            assertTrue(header.contains("# version: " + CodeLists.VERSION), file + ": " + header);
            assertTrue(header.contains("# source:"), file + ": " + header);
        });
    }

    @Test
    void theShippedListsLabelKnownCodesOfEachCategory() {
        SensitivityClassifier classifier = new CodeLists().classifier();

        assertEquals(
                Set.of("ETH", "42CFRPart2"),
                classifier.labels(List.of(new Code("http://hl7.org/fhir/sid/icd-10-cm", "F11.20"))));
        assertEquals(Set.of("HIV"), classifier.labels(List.of(new Code("http://loinc.org", "7917-8"))));
        assertEquals(Set.of("PSY"), classifier.labels(List.of(new Code("http://snomed.info/sct", "35489007"))));
        assertEquals(
                Set.of("SEX"), classifier.labels(List.of(new Code("http://hl7.org/fhir/sid/icd-10-cm", "Z30.011"))));
        assertEquals(Set.of(), classifier.labels(List.of(new Code("http://hl7.org/fhir/sid/icd-10-cm", "E11.9"))));
    }
}
