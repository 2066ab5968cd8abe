package io.chartstream.loader.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheaFolderTest {

    @Test
    void hospitalsThenPractitionersThenPatientsByName() {
        List<Path> files = List.of(
                Path.of("Zoe_Adams_3.json"),
                Path.of("practitionerInformation1733.json"),
                Path.of("Abe_Brown_1.json"),
                Path.of("hospitalInformation1733.json"));

        List<Path> ordered = SyntheaFolder.inLoadOrder(files);

        assertEquals(
                List.of(
                        Path.of("hospitalInformation1733.json"),
                        Path.of("practitionerInformation1733.json"),
                        Path.of("Abe_Brown_1.json"),
                        Path.of("Zoe_Adams_3.json")),
                ordered);
        assertTrue(SyntheaFolder.isShared(ordered.get(1)));
        assertFalse(SyntheaFolder.isShared(ordered.get(2)));
    }

    @Test
    void theFhirFolderOfASyntheaOutputFolderIsRead(@TempDir Path output) throws IOException {
        Path fhir = Files.createDirectories(output.resolve("fhir"));
        Files.writeString(fhir.resolve("Abe_Brown_1.json"), "{}");
        Files.writeString(fhir.resolve("hospitalInformation.json"), "{}");
        Files.writeString(fhir.resolve("notes.txt"), "not a bundle");
        Files.createDirectories(output.resolve("metadata"));

        assertEquals(
                List.of(fhir.resolve("hospitalInformation.json"), fhir.resolve("Abe_Brown_1.json")),
                SyntheaFolder.bundles(output));
        assertEquals(SyntheaFolder.bundles(output), SyntheaFolder.bundles(fhir));
    }
}
