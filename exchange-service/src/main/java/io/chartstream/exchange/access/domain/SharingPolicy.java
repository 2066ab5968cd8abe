package io.chartstream.exchange.access.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person's sharing choices as the exchange enforces them. {@link #DEFAULT} (no consent recorded)
 * is the exchange's implicit policy: share with the organizations in the person's care, withhold
 * 42 CFR Part 2 records.
 */
public record SharingPolicy(
        boolean optOut, Set<String> blockedOrganizations, Set<String> withheldCategories, Set<String> part2SharedWith) {

    public static final SharingPolicy DEFAULT = new SharingPolicy(false, Set.of(), Set.of(), Set.of());

    public SharingPolicy {
        blockedOrganizations = sorted(blockedOrganizations);
        withheldCategories = sorted(withheldCategories);
        part2SharedWith = sorted(part2SharedWith);
    }

    public boolean blocks(String organization) {
        return blockedOrganizations.contains(organization);
    }

    private static Set<String> sorted(Collection<String> values) {
        return values == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(values));
    }
}
