package io.chartstream.patient.matching.domain;

import io.chartstream.patient.matching.domain.LabelledRegistrations.Labelled;
import io.chartstream.patient.registration.domain.Demographics;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints each wrong certain link of a simulated run ({@code -Dbench.wrong-links=true}): both
 * records, every field's level and weight, the total, and what let it through — the exact rule
 * and its one more equal field, or the score with the clause each {@link CertaintyRule} held by
 * and its lead over the next candidate. A false link discloses a stranger's record: this is
 * what to read before changing a rule.
 */
final class WrongLinks {

    static final boolean ENABLED = Boolean.getBoolean("bench.wrong-links");

    private WrongLinks() {}

    /** A link made by the exact rule to a person whose first registration is {@code first}. */
    static void exactRule(Labelled submitted, String linkedTruth, Demographics first, ProbabilisticMatcher matcher) {
        Demographics d = submitted.demographics();
        String evidence = List.of(
                        same(d.ssn(), first.ssn()) ? "SSN" : "",
                        same(d.phone(), first.phone()) ? "phone" : "",
                        same(d.address(), first.address()) ? "address" : "")
                .stream()
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
        MatchScore score = matcher.score(d.matchRecord(), first.matchRecord());
        System.out.printf(
                "WRONG LINK %s -> %s%n  submitted %s (desk: %s)%n  known     %s%n  %s%n"
                        + "  let through by: the exact rule (names, birth date and gender equal, and %s)%n",
                submitted.truth(),
                linkedTruth,
                d.matchRecord(),
                submitted.corruptions(),
                first.matchRecord(),
                contributions(score),
                evidence);
    }

    /** A link made by the score to {@code linked}, one of {@code candidates}. */
    static <K> void score(
            Labelled submitted,
            String linkedTruth,
            K linked,
            Map<K, List<MatchRecord>> candidates,
            ProbabilisticMatcher matcher) {
        MatchRecord a = submitted.demographics().matchRecord();
        MatchRecord known = candidates.get(linked).stream()
                .max(Comparator.comparingDouble(k -> matcher.score(a, k).total()))
                .orElseThrow();
        MatchScore score = matcher.score(a, known);
        Map<MatchRecord, MatchScore> scores = new java.util.LinkedHashMap<>();
        candidates.get(linked).forEach(k -> scores.put(k, matcher.score(a, k)));
        MatchRecord compared = score.namesSwapped() ? a.namesSwapped() : a;
        String rules = java.util.Arrays.stream(CertaintyRule.values())
                .map(rule -> rule + " by "
                        + rule.heldBy(compared, known, score.contributions())
                                .orElse(
                                        rule == CertaintyRule.CORROBORATED
                                                ? "nothing, waived by decisions §34's option"
                                                : "nothing (broken)"))
                .collect(Collectors.joining("; "));
        double next = candidates.entrySet().stream()
                .filter(e -> !e.getKey().equals(linked))
                .flatMap(e -> e.getValue().stream())
                .mapToDouble(k -> matcher.score(a, k).total())
                .max()
                .orElse(Double.NaN);
        System.out.printf(
                "WRONG LINK %s -> %s%n  submitted %s (desk: %s)%s%n  known     %s%n  %s%n"
                        + "  let through by: the score over the certain threshold %.1f, next candidate %.1f; %s;"
                        + " person rules broken: %s%n"
                        + "  the linked person's records: %s%n",
                submitted.truth(),
                linkedTruth,
                a,
                submitted.corruptions(),
                score.namesSwapped() ? ", names read crosswise" : "",
                known,
                contributions(score),
                matcher.weights().certain(),
                next,
                rules,
                PersonRule.broken(compared, known, score, scores),
                candidates.get(linked));
    }

    private static final java.util.Map<String, int[]> SLICES = new java.util.TreeMap<>();

    /**
     * Counts a link the score made (right or wrong) by its given name's and birth date's levels
     * and whether the SSN agreed: what a rule on those would cost and what it would stop.
     */
    static void tally(MatchScore score, boolean right) {
        String key = String.format(
                "given %-9s birth date %-10s %s",
                score.level(Field.GIVEN),
                score.level(Field.BIRTH_DATE),
                score.level(Field.SSN) == Level.EXACT || score.level(Field.SSN) == Level.TYPO ? "SSN" : "no SSN");
        SLICES.computeIfAbsent(key, k -> new int[2])[right ? 0 : 1]++;
    }

    /** The tally so far, then cleared for the next run. */
    static void printTally() {
        SLICES.forEach((k, n) -> System.out.printf("    links by %s: right %6d, wrong %d%n", k, n[0], n[1]));
        SLICES.clear();
    }

    private static String contributions(MatchScore score) {
        return score.contributions().stream()
                        .map(c -> String.format("%s %s %+.1f", c.field().key(), c.level(), c.weight()))
                        .collect(Collectors.joining(", "))
                + String.format(" = %.1f", score.total());
    }

    private static boolean same(String a, String b) {
        return a != null && a.equals(b);
    }
}
