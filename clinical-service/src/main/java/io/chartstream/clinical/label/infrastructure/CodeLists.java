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
 * each saying what it is, its version and its source), read once into the classifier. A list that
 * does not parse stops the service from starting rather than labelling less than it should.
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

    /** The rows of one shipped list. */
    public static List<ListedCode> read(String file, String label) {
        return parse(pathOf(file), lines(file), label);
    }

    /** The comment header of a shipped list (what it is, its version, its source). */
    public static String header(String file) {
        StringBuilder header = new StringBuilder();
        lines(file).stream()
                .filter(l -> l.startsWith("#"))
                .forEach(l -> header.append(l).append('\n'));
        return header.toString();
    }

    /** Rows {@code system,code,exact|prefix,display}; comment ({@code #}) and blank lines skipped. */
    static List<ListedCode> parse(String name, List<String> lines, String label) {
        List<ListedCode> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // the display is last and may hold commas: it is for the reader, never matched
            String[] f = line.split(",", 4);
            if (f.length < 4 || f[0].isBlank() || f[1].isBlank() || !(f[2].equals("exact") || f[2].equals("prefix"))) {
                throw new IllegalStateException(name + ": not system,code,exact|prefix,display: " + line);
            }
            rows.add(new ListedCode(f[0].strip(), f[1].strip(), f[2].equals("prefix"), label));
        }
        return rows;
    }

    private static String pathOf(String file) {
        return "security-labels/" + VERSION + "/" + file;
    }

    private static List<String> lines(String file) {
        String path = pathOf(file);
        try (InputStream in = CodeLists.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("code list " + path + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
