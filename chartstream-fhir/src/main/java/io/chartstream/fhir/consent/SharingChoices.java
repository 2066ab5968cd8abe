package io.chartstream.fhir.consent;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person's sharing choices, the content of a patient-privacy Consent: opt out of sharing (each
 * organization then sees only what it wrote), organizations blocked from the record, sensitive
 * categories withheld (security-label codes), and organizations 42 CFR Part 2 records are shared
 * with. The default, no Consent recorded, is {@link #DEFAULT}: share, withhold Part 2.
 */
public record SharingChoices(
        boolean optOut, Set<String> blockedOrganizations, Set<String> withheldCategories, Set<String> part2SharedWith) {

    public static final SharingChoices DEFAULT = new SharingChoices(false, Set.of(), Set.of(), Set.of());

    public SharingChoices {
        blockedOrganizations = sorted(blockedOrganizations);
        withheldCategories = sorted(withheldCategories);
        part2SharedWith = sorted(part2SharedWith);
    }

    public static SharingChoices of(
            boolean optOut, List<String> blocked, List<String> withheld, List<String> part2SharedWith) {
        return new SharingChoices(optOut, Set.copyOf(blocked), Set.copyOf(withheld), Set.copyOf(part2SharedWith));
    }

    private static Set<String> sorted(Set<String> values) {
        return values == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(values));
    }
}
