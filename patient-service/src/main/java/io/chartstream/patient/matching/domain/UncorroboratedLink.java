package io.chartstream.patient.matching.domain;

import java.util.List;

/**
 * An option for the steering to decide on (decisions §34), off unless configured: a certain score
 * whose one broken rule is corroboration (decisions §9: name, birth date and gender alone never
 * link) links all the same when the full name is rare in the index, given name, family name,
 * birth date and gender all agree exactly, no SSN is given against another, and no identifier of
 * one assigning authority disagrees (the caller's veto, {@link ProbabilisticMatcher.Waiver}).
 *
 * <p>Rare is a share of the index, not a list: at most {@code maxNameShare} of the index's records
 * are filed under the name's sound ({@link BlockingKeys#nameKey}, so Jon and John count together),
 * and only once the index holds {@code minIndexRecords}: in a young index every name looks rare.
 */
public record UncorroboratedLink(boolean enabled, double maxNameShare, long minIndexRecords) {

    /** Decisions §9 as it stands: no link without corroboration. */
    public static final UncorroboratedLink OFF = new UncorroboratedLink(false, 0, Long.MAX_VALUE);

    public UncorroboratedLink {
        if (maxNameShare < 0 || maxNameShare > 1 || minIndexRecords < 0) {
            throw new IllegalArgumentException("a name share is in [0, 1] and an index size not negative");
        }
    }

    /**
     * Whether the demographics themselves could carry the link: the score is certain but for
     * corroboration, and both names, the birth date and the gender agree exactly (names also when
     * read crosswise). An SSN given against another breaks a rule of its own (NO_DIFFERENT_SSN).
     */
    public boolean demographicsSuffice(MatchRecord submitted, MatchRecord known, MatchScore score, double certain) {
        List<Contribution> c = score.contributions();
        return enabled
                && score.total() >= certain
                && CertaintyRule.broken(submitted, known, c).equals(java.util.EnumSet.of(CertaintyRule.CORROBORATED))
                && is(c, Field.GIVEN, Level.EXACT)
                && is(c, Field.FAMILY, Level.EXACT)
                && is(c, Field.BIRTH_DATE, Level.EXACT)
                && is(c, Field.GENDER, Level.EXACT);
    }

    /** Whether a name filed {@code nameRecords} times in an index of {@code indexRecords} is rare. */
    public boolean rare(long nameRecords, long indexRecords) {
        return enabled && indexRecords >= minIndexRecords && nameRecords <= maxNameShare * indexRecords;
    }

    private static boolean is(List<Contribution> contributions, Field field, Level level) {
        return contributions.stream().anyMatch(x -> x.field() == field && x.level() == level);
    }
}
