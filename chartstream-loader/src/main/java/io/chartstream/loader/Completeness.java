package io.chartstream.loader;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.loader.http.FhirServer;
import org.hl7.fhir.r4.model.Bundle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --verify}: after the load, reads each loaded patient's {@code $everything} (every page)
 * and compares it, type by type, with what the load put in for that patient's file. With
 * {@code --save-served DIR} every page read is also written to DIR as {@code <patient>-<page>.json},
 * for a FHIR validator to check what the server serves.
 */
final class Completeness {

    private Completeness() {}

    /** True when every patient's record holds exactly what was loaded for it. */
    static boolean check(
            List<FileLoader.Loaded> loaded, FhirServer server, FhirContext fhir, Path saveTo, PrintStream out)
            throws IOException, InterruptedException {
        if (saveTo != null) {
            Files.createDirectories(saveTo);
        }
        int complete = 0;
        long entries = 0;
        for (FileLoader.Loaded file : loaded) {
            Map<String, Integer> found = new TreeMap<>();
            String next = server.base() + "/" + file.patient() + "/$everything?_count=500";
            for (int number = 0; next != null; number++) {
                String body = server.get(next);
                if (saveTo != null) {
                    Files.writeString(saveTo.resolve(file.patient().replace('/', '-') + "-" + number + ".json"), body);
                }
                Bundle page = fhir.newJsonParser().parseResource(Bundle.class, body);
                page.getEntry().forEach(e -> found.merge(e.getResource().fhirType(), 1, Integer::sum));
                next = page.getLink("next") == null
                        ? null
                        : page.getLink("next").getUrl();
            }
            Map<String, Integer> expected = new TreeMap<>(file.byType());
            if (expected.equals(found)) {
                complete++;
                entries +=
                        expected.values().stream().mapToInt(Integer::intValue).sum();
            } else {
                out.printf("  %s (%s): loaded %s, $everything has %s%n", file.file(), file.patient(), expected, found);
            }
        }
        out.printf(
                "verified: %d of %d patients' $everything hold exactly what was loaded for them (%,d entries)%n",
                complete, loaded.size(), entries);
        return complete == loaded.size();
    }
}
