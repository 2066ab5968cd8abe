package io.chartstream.loader.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundles of a Synthea output folder, in the order they must be loaded: the organizations and
 * locations ({@code hospitalInformation*.json}) and the practitioners ({@code
 * practitionerInformation*.json}) first, because every patient bundle refers to them by conditional
 * reference; then the patients, by file name (a stable order, so a rerun sends the same chunks).
 */
public final class SyntheaFolder {

    private static final String HOSPITALS = "hospitalInformation";
    private static final String PRACTITIONERS = "practitionerInformation";

    private SyntheaFolder() {}

    /** The JSON files of {@code folder/fhir} when it exists, else of {@code folder}, in load order. */
    public static List<Path> bundles(Path folder) throws IOException {
        Path fhir = folder.resolve("fhir");
        Path dir = Files.isDirectory(fhir) ? fhir : folder;
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a folder: " + folder);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return inLoadOrder(files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".json"))
                    .toList());
        }
    }

    /** Hospitals, then practitioners, then everything else; each group by file name. */
    public static List<Path> inLoadOrder(List<Path> files) {
        return files.stream()
                .sorted(Comparator.comparingInt(SyntheaFolder::group)
                        .thenComparing(f -> f.getFileName().toString()))
                .toList();
    }

    /** Whether the file holds what patients refer to (loaded before any patient, one at a time). */
    public static boolean isShared(Path file) {
        return group(file) < 2;
    }

    private static int group(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(HOSPITALS)) {
            return 0;
        }
        return name.startsWith(PRACTITIONERS) ? 1 : 2;
    }
}
