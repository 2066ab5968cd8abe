package io.chartstream.clinical.label.domain;

import io.chartstream.contracts.clinical.SecurityLabels;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The security labeling service (HL7 DS4P): which sensitivity labels an entry's codes call for,
 * from versioned code lists. A substance-use entry is also labelled 42 CFR Part 2: a code cannot
 * tell a Part 2 program's record from another, so every one is withheld until the patient shares
 * it (the conservative reading).
 */
public final class SensitivityClassifier {

    /** A coding of an entry: code system URI and code. */
    public record Code(String system, String code) {}

    /** One row of a code list: {@code prefix} rows match every code that starts with {@code code}. */
    public record ListedCode(String system, String code, boolean prefix, String category) {

        boolean matches(Code c) {
            if (!system.equals(c.system()) || c.code() == null) {
                return false;
            }
            return prefix ? c.code().startsWith(code) : c.code().equals(code);
        }
    }

    private final List<ListedCode> listed;

    public SensitivityClassifier(List<ListedCode> listed) {
        this.listed = List.copyOf(listed);
    }

    /** The labels (ActCode codes) the codes call for; empty when none is listed. */
    public Set<String> labels(Collection<Code> codes) {
        Set<String> labels = new TreeSet<>();
        for (Code c : codes) {
            for (ListedCode l : listed) {
                if (l.matches(c)) {
                    labels.add(l.category());
                }
            }
        }
        if (labels.contains(SecurityLabels.SUBSTANCE_USE)) {
            labels.add(SecurityLabels.PART_2);
        }
        return labels;
    }
}
