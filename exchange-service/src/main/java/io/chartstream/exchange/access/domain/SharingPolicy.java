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

    /**
     * The policy of persons merged into one (decisions §21): the most protective of theirs, so a
     * merge never shares what either person's consent withholds. Opted out if any opted out; every
     * block and withheld category of any; Part 2 records shared only with organizations all of
     * them shared them with.
     */
    public static SharingPolicy mostProtective(Collection<SharingPolicy> policies) {
        if (policies.isEmpty()) {
            return DEFAULT;
        }
        boolean optOut = false;
        Set<String> blocked = new TreeSet<>();
        Set<String> withheld = new TreeSet<>();
        Set<String> part2 = null;
        for (SharingPolicy p : policies) {
            optOut |= p.optOut();
            blocked.addAll(p.blockedOrganizations());
            withheld.addAll(p.withheldCategories());
            if (part2 == null) {
                part2 = new TreeSet<>(p.part2SharedWith());
            } else {
                part2.retainAll(p.part2SharedWith());
            }
        }
        return new SharingPolicy(optOut, blocked, withheld, part2);
    }

    public boolean blocks(String organization) {
        return blockedOrganizations.contains(organization);
    }

    private static Set<String> sorted(Collection<String> values) {
        return values == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(values));
    }
}
