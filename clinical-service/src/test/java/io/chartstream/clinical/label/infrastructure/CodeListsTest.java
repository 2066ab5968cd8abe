package io.chartstream.clinical.label.infrastructure;

import io.chartstream.clinical.label.domain.SecurityLabel;
import io.chartstream.clinical.label.domain.SensitivityClassifier;
import io.chartstream.clinical.label.domain.SensitivityClassifier.Code;
import io.chartstream.clinical.label.domain.SensitivityClassifier.ListedCode;
import io.chartstream.contracts.clinical.SecurityLabels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped code lists: each parses, says what it is, its version and its source, and labels known codes. */
class CodeListsTest {

    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final Set<String> SYSTEMS =
            Set.of(ICD10, "http://snomed.info/sct", "http://loinc.org", "http://www.nlm.nih.gov/research/umls/rxnorm");

    @Test
    void everyListParsesAndDeclaresWhatItIsItsVersionAndItsSource() {
        assertEquals(
                Set.copyOf(SecurityLabels.CATEGORIES), Set.copyOf(CodeLists.FILES.values()), "one list per category");
        CodeLists.FILES.forEach((file, label) -> {
            List<ListedCode> rows = CodeLists.read(file, label);
            String header = CodeLists.header(file);

            assertFalse(rows.isEmpty(), file + " has codes");
            assertTrue(header.lines().findFirst().orElse("").contains("(label " + label), file + ": " + header);
            assertTrue(header.contains("# version: " + CodeLists.VERSION + " "), file + ": " + header);
            assertTrue(header.contains("# source:"), file + ": " + header);
            assertTrue(header.contains("not the complete value set"), file + ": " + header);
        });
    }

    @Test
    void everyRowNamesAKnownSystemAndOnlyIcd10UsesPrefixes() {
        CodeLists.FILES.forEach((file, label) -> {
            List<ListedCode> rows = CodeLists.read(file, label);
            for (ListedCode row : rows) {
                assertTrue(SYSTEMS.contains(row.system()), file + ": unknown system " + row.system());
                assertTrue(!row.prefix() || row.system().equals(ICD10), file + ": prefix outside ICD-10-CM " + row);
                assertTrue(row.code().matches("[A-Z0-9.\\-]+"), file + ": odd code " + row.code());
            }
            Set<String> distinct =
                    rows.stream().map(r -> r.system() + "|" + r.code()).collect(Collectors.toSet());
            assertEquals(rows.size(), distinct.size(), file + " lists a code twice");
        });
    }

    @Test
    void aRowThatIsNotSystemCodeMatchDisplayIsRefused() {
        assertThrows(
                IllegalStateException.class,
                () -> CodeLists.parse("broken.csv", List.of("# ok", ICD10 + ",F11,starts-with,Opioid"), "ETH"));
        assertThrows(
                IllegalStateException.class,
                () -> CodeLists.parse("broken.csv", List.of(ICD10 + ",F11,prefix"), "ETH"));
        assertEquals(
                List.of(new ListedCode(ICD10, "F13", true, "ETH")),
                CodeLists.parse("ok.csv", List.of("", ICD10 + ",F13,prefix,\"Sedative, hypnotic\""), "ETH"));
    }

    @Test
    void theShippedListsLabelKnownCodesOfEachCategory() {
        SensitivityClassifier classifier = new CodeLists().classifier();

        assertEquals(Set.of("ETH", "42CFRPart2", "R"), codes(classifier, ICD10, "F11.20"));
        assertEquals(Set.of("ETH", "42CFRPart2", "R"), codes(classifier, "http://loinc.org", "19295-5"));
        assertEquals(Set.of("HIV", "R"), codes(classifier, "http://loinc.org", "7917-8"));
        assertEquals(Set.of("HIV", "R"), codes(classifier, ICD10, "B20"));
        assertEquals(Set.of("PSY", "R"), codes(classifier, "http://snomed.info/sct", "35489007"));
        assertEquals(Set.of("PSY", "R"), codes(classifier, ICD10, "F41.1"));
        assertEquals(Set.of("SEX", "R"), codes(classifier, ICD10, "Z30.011"));
        assertEquals(Set.of(), codes(classifier, ICD10, "F17.210"), "nicotine dependence is not Part 2");
        assertEquals(Set.of(), codes(classifier, ICD10, "E11.9"));
    }

    private static Set<String> codes(SensitivityClassifier classifier, String system, String code) {
        return classifier.labels(List.of(new Code(system, code))).stream()
                .map(SecurityLabel::code)
                .collect(Collectors.toSet());
    }
}
