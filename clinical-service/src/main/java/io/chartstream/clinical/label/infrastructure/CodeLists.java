package io.chartstream.clinical.label.infrastructure;

import io.chartstream.clinical.label.domain.SensitivityClassifier;
import io.chartstream.clinical.label.domain.SensitivityClassifier.ListedCode;
import io.chartstream.contracts.clinical.SecurityLabels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The versioned code lists shipped in {@code security-labels/<version>/} (one CSV per category,
 * each saying where it comes from), read once into the classifier.
 */
@ApplicationScoped
public class CodeLists {

    public static final String VERSION = "v1";

    /** File name → the label its codes call for. */
    public static final Map<String, String> FILES = Map.of(
            "substance-use.csv", SecurityLabels.SUBSTANCE_USE,
            "hiv.csv", SecurityLabels.HIV,
            "mental-health.csv", SecurityLabels.MENTAL_HEALTH,
            "sexual-reproductive-health.csv", SecurityLabels.SEXUAL_AND_REPRODUCTIVE_HEALTH);

    @Produces
    @ApplicationScoped
    SensitivityClassifier classifier() {
        List<ListedCode> all = new ArrayList<>();
        FILES.forEach((file, label) -> all.addAll(read(file, label)));
        return new SensitivityClassifier(all);
    }

    /** The rows of one list; comment lines ({@code #}) are its description, version and source. */
    public static List<ListedCode> read(String file, String label) {
        String path = "security-labels/" + VERSION + "/" + file;
        try (InputStream in = CodeLists.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("code list " + path + " is missing");
            }
            List<ListedCode> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", 4);
                if (f.length < 3 || !(f[2].equals("exact") || f[2].equals("prefix"))) {
                    throw new IllegalStateException(path + ": not system,code,exact|prefix,display: " + line);
                }
                rows.add(new ListedCode(f[0].strip(), f[1].strip(), f[2].equals("prefix"), label));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The comment header of a list (what it is, its version, its source). */
    public static String header(String file) {
        String path = "security-labels/" + VERSION + "/" + file;
        try (InputStream in = CodeLists.class.getClassLoader().getResourceAsStream(path)) {
            StringBuilder header = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#")) {
                    header.append(line).append('\n');
                }
            }
            return header.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
