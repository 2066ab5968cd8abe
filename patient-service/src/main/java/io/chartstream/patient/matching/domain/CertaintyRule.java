package io.chartstream.patient.matching.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a score over the certain threshold must also keep to be a link, because the fields
 * are not independent where it matters most (households share a family name, birth date,
 * address and phone). A score that breaks one is a possible match: a review says which.
 */
public enum CertaintyRule {
    /** evidence beyond name, birth date and gender: address, phone or SSN (decisions §9) */
    CORROBORATED(
            clause("address agrees", (a, b, c) -> addressAgrees(c)),
            clause("phone agrees", (a, b, c) -> is(c, Field.PHONE, Level.EXACT)),
            clause("SSN agrees", (a, b, c) -> ssnAgrees(c))),
    /**
     * the given name agrees (a nickname or exactly; a slip only when the genders do not differ:
     * Mark and Mary), or the SSN does: twins share the household and differ only there. A sound
     * alone is no agreement (Anna and Jenny share a Double Metaphone code; decisions §41)
     */
    GIVEN_AGREES(
            clause("given name exact", (a, b, c) -> is(c, Field.GIVEN, Level.EXACT)),
            clause("given name a nickname", (a, b, c) -> is(c, Field.GIVEN, Level.NICKNAME)),
            clause(
                    "given name a slip, genders not differing",
                    (a, b, c) -> is(c, Field.GIVEN, Level.SIMILAR) && !is(c, Field.GENDER, Level.DIFFERENT)),
            clause(
                    "given name unknown, genders not differing",
                    (a, b, c) -> !has(c, Field.GIVEN) && !is(c, Field.GENDER, Level.DIFFERENT)),
            clause("SSN exact", (a, b, c) -> is(c, Field.SSN, Level.EXACT))),
    /**
     * the birth dates are at most a year apart (a desk's two slips), or the SSN agrees: a father
     * and son of one name share the household's address and phone and differ only there
     */
    BIRTH_DATE_AGREES(
            clause("birth dates at most a year apart", (a, b, c) -> withinAYear(a, b)),
            clause("SSN exact", (a, b, c) -> is(c, Field.SSN, Level.EXACT))),
    /** two SSNs that differ beyond a typo are two people, however much else the household shares */
    NO_DIFFERENT_SSN(clause("SSNs not different", (a, b, c) -> !is(c, Field.SSN, Level.DIFFERENT))),
    /**
     * a different family name links only on the SSN, or as a married name: a woman with the same
     * given name and birth date up to a slip (a twin whose names a desk swapped keeps both of
     * her names in the wrong fields, and a given name is never exactly a twin's)
     */
    DIFFERENT_FAMILY_NEEDS_SSN(
            clause("family names not different", (a, b, c) -> !is(c, Field.FAMILY, Level.DIFFERENT)),
            clause("SSN agrees", (a, b, c) -> ssnAgrees(c)),
            clause("a married name", CertaintyRule::marriedName));

    private static final Set<Level> CORROBORATING_ADDRESS = Set.of(Level.EXACT, Level.SIMILAR);
    private static final Set<Level> CORROBORATING_SSN = Set.of(Level.EXACT, Level.TYPO);
    private static final Set<Level> SLIPS = Set.of(Level.SIMILAR, Level.PHONETIC);

    /** Whether a condition holds for two records (the submitted one as it was compared) and their contributions. */
    private interface Check {
        boolean holds(MatchRecord a, MatchRecord b, List<Contribution> contributions);
    }

    /** One way a rule may hold, named so that a reader of a link or a review sees which held. */
    private record Clause(String name, Check check) {}

    private final List<Clause> clauses;

    CertaintyRule(Clause... clauses) {
        this.clauses = List.of(clauses);
    }

    private static Clause clause(String name, Check check) {
        return new Clause(name, check);
    }

    public boolean holds(MatchRecord a, MatchRecord b, List<Contribution> contributions) {
        return heldBy(a, b, contributions).isPresent();
    }

    /** The first of the rule's clauses that holds, by name (what let a link through); empty when broken. */
    public Optional<String> heldBy(MatchRecord a, MatchRecord b, List<Contribution> contributions) {
        return clauses.stream()
                .filter(clause -> clause.check().holds(a, b, contributions))
                .map(Clause::name)
                .findFirst();
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

    /** Whether a link holds as a married name, and only so: the family names differ and the SSN does not agree. */
    static boolean onlyAsMarriedName(MatchRecord a, MatchRecord b, List<Contribution> contributions) {
        return is(contributions, Field.FAMILY, Level.DIFFERENT)
                && !ssnAgrees(contributions)
                && marriedName(a, b, contributions);
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

    private static boolean givenASlip(List<Contribution> contributions) {
        return isAny(contributions, Field.GIVEN, SLIPS);
    }

    private static boolean addressAgrees(List<Contribution> contributions) {
        return isAny(contributions, Field.ADDRESS, CORROBORATING_ADDRESS);
    }

    private static boolean ssnAgrees(List<Contribution> contributions) {
        return isAny(contributions, Field.SSN, CORROBORATING_SSN);
    }

    private static boolean isAny(List<Contribution> contributions, Field field, Set<Level> levels) {
        return contributions.stream().anyMatch(c -> c.field() == field && levels.contains(c.level()));
    }

    private static boolean has(List<Contribution> contributions, Field field) {
        return contributions.stream().anyMatch(c -> c.field() == field);
    }

    private static boolean is(List<Contribution> contributions, Field field, Level level) {
        return contributions.stream().anyMatch(c -> c.field() == field && c.level() == level);
    }
}
