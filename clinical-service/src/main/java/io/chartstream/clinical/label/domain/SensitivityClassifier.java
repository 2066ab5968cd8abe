package io.chartstream.clinical.label.domain;

import io.chartstream.contracts.clinical.SecurityLabels;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The security labeling service (HL7 DS4P): which labels an entry's codes call for, from versioned
 * code lists. Pure: codings in, labels out.
 *
 * <p>A sensitive entry gets its categories (v3 ActCode) and confidentiality R. A substance-use entry
 * is also 42 CFR Part 2: a code cannot tell a Part 2 program's record from another, so every one is
 * withheld until the patient shares it (the conservative reading).
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

    /** The labels the codes call for (categories, 42CFRPart2, confidentiality R); empty when none is listed. */
    public Set<SecurityLabel> labels(Collection<Code> codes) {
        Set<String> categories = new TreeSet<>();
        for (Code c : codes) {
            for (ListedCode l : listed) {
                if (l.matches(c)) {
                    categories.add(l.category());
                }
            }
        }
        Set<SecurityLabel> labels = new LinkedHashSet<>();
        if (categories.isEmpty()) {
            return labels;
        }
        categories.forEach(category -> labels.add(SecurityLabel.actCode(category)));
        if (categories.contains(SecurityLabels.SUBSTANCE_USE)) {
            labels.add(SecurityLabel.actCode(SecurityLabels.PART_2));
        }
        labels.add(SecurityLabel.restricted());
        return labels;
    }

    /**
     * The labels to add to an entry with these codes whose source already set {@code present}: the
     * source's labels stay as they are, so nothing it set is added twice, and R is not added beside a
     * confidentiality the source set at R or stricter (an entry carries one level where it can).
     */
    public List<SecurityLabel> toAdd(Collection<Code> codes, Collection<SecurityLabel> present) {
        boolean restricted = present.stream().anyMatch(SecurityLabel::isRestrictedOrStricter);
        List<SecurityLabel> missing = new ArrayList<>();
        for (SecurityLabel label : labels(codes)) {
            if (!present.contains(label) && !(restricted && label.isConfidentiality())) {
                missing.add(label);
            }
        }
        return missing;
    }
}
