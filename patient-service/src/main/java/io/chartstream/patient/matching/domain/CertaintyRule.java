package io.chartstream.patient.matching.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rules a score over the certain threshold must also keep to be a link, because the fields
 * are not independent where it matters most (households share a family name, birth date,
 * address and phone). A score that breaks one is a possible match: a review says which.
 */
public enum CertaintyRule {
    /** evidence beyond name, birth date and gender: address, phone or SSN (decisions §9) */
    CORROBORATED((a, b, c) -> corroborated(c)),
    /**
     * the given name agrees (a nickname or exactly; a slip or a sound only when the genders do not
     * differ: Mark and Mary), or the SSN does: twins share the household and differ only there
     */
    GIVEN_AGREES((a, b, c) -> is(c, Field.GIVEN, Level.EXACT)
            || is(c, Field.GIVEN, Level.NICKNAME)
            || !is(c, Field.GIVEN, Level.DIFFERENT) && !is(c, Field.GENDER, Level.DIFFERENT)
            || is(c, Field.SSN, Level.EXACT)),
    /**
     * the birth dates are at most a year apart (a desk's two slips), or the SSN agrees: a father
     * and son of one name share the household's address and phone and differ only there
     */
    BIRTH_DATE_AGREES((a, b, c) -> withinAYear(a, b) || is(c, Field.SSN, Level.EXACT)),
    /** two SSNs that differ beyond a typo are two people, however much else the household shares */
    NO_DIFFERENT_SSN((a, b, c) -> !is(c, Field.SSN, Level.DIFFERENT)),
    /**
     * a different family name links only on the SSN, or as a married name: a woman with the same
     * given name and birth date up to a slip (a twin whose names a desk swapped keeps both of
     * her names in the wrong fields, and a given name is never exactly a twin's)
     */
    DIFFERENT_FAMILY_NEEDS_SSN(
            (a, b, c) -> !is(c, Field.FAMILY, Level.DIFFERENT) || ssnAgrees(c) || marriedName(a, b, c));

    private static final Set<Level> CORROBORATING_ADDRESS = Set.of(Level.EXACT, Level.SIMILAR);
    private static final Set<Level> CORROBORATING_SSN = Set.of(Level.EXACT, Level.TYPO);

    /** Whether a rule holds for two records (the submitted one as it was compared) and their contributions. */
    private interface Check {
        boolean holds(MatchRecord a, MatchRecord b, List<Contribution> contributions);
    }

    private final Check check;

    CertaintyRule(Check check) {
        this.check = check;
    }

    public boolean holds(MatchRecord a, MatchRecord b, List<Contribution> contributions) {
        return check.holds(a, b, contributions);
    }

    /** The rules broken when {@code a} was compared with {@code b}; none when they may be certain. */
    public static Set<CertaintyRule> broken(MatchRecord a, MatchRecord b, List<Contribution> contributions) {
        Set<CertaintyRule> broken = EnumSet.noneOf(CertaintyRule.class);
        for (CertaintyRule rule : values()) {
            if (!rule.holds(a, b, contributions)) {
                broken.add(rule);
            }
        }
        return broken;
    }

    private static boolean withinAYear(MatchRecord a, MatchRecord b) {
        return a.birthDate() == null
                || b.birthDate() == null
                || Math.abs(a.birthDate().toEpochDay() - b.birthDate().toEpochDay()) <= 366;
    }

    /** A woman's new family name: the same given name and birth date up to a slip, no man on either side. */
    private static boolean marriedName(MatchRecord a, MatchRecord b, List<Contribution> contributions) {
        return !"male".equals(a.gender())
                && !"male".equals(b.gender())
                && ("female".equals(a.gender()) || "female".equals(b.gender()))
                && (is(contributions, Field.GIVEN, Level.EXACT) || is(contributions, Field.GIVEN, Level.NICKNAME))
                && (is(contributions, Field.BIRTH_DATE, Level.EXACT)
                        || is(contributions, Field.BIRTH_DATE, Level.TRANSPOSED)
                        || is(contributions, Field.BIRTH_DATE, Level.TYPO));
    }

    private static boolean corroborated(List<Contribution> contributions) {
        return contributions.stream().anyMatch(c -> switch (c.field()) {
            case ADDRESS -> CORROBORATING_ADDRESS.contains(c.level());
            case PHONE -> c.level() == Level.EXACT;
            case SSN -> CORROBORATING_SSN.contains(c.level());
            default -> false;
        });
    }

    private static boolean ssnAgrees(List<Contribution> contributions) {
        return contributions.stream().anyMatch(c -> c.field() == Field.SSN && CORROBORATING_SSN.contains(c.level()));
    }

    private static boolean is(List<Contribution> contributions, Field field, Level level) {
        return contributions.stream().anyMatch(c -> c.field() == field && c.level() == level);
    }
}
