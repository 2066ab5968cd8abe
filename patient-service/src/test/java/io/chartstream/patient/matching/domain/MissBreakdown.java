package io.chartstream.patient.matching.domain;

import io.chartstream.patient.matching.domain.LabelledRegistrations.Labelled;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the expected links of a simulated run go: why each one that did not link right did not
 * (the true person was no candidate, scored under the certain threshold, broke a rule, was one
 * of several certain persons, or another person was linked), and the recall per kind of
 * corruption the desk applied.
 */
final class MissBreakdown {

    private final Map<String, Integer> reasons = new TreeMap<>();
    private final Map<String, List<String>> examples = new TreeMap<>();
    private final Map<String, int[]> byKind = new TreeMap<>();
    private int missed;
    private int expected;
    private int uncorroborable;

    /**
     * Whether any earlier registration of the true person shares an address, phone or SSN with
     * this one: if none does, decisions §9 forbids a demographic link whatever the score.
     */
    void corroborable(boolean corroborable) {
        expected++;
        uncorroborable += corroborable ? 0 : 1;
    }

    /** One expected link: whether it linked right, else why not. */
    void expected(Labelled r, String whyMissed) {
        expected(r, whyMissed, null);
    }

    /** As above, with what the true person's best record scored (kept as an example with -Dbench.debug). */
    void expected(Labelled r, String whyMissed, Object example) {
        if (whyMissed != null && example != null) {
            List<String> kept = examples.computeIfAbsent(whyMissed, k -> new java.util.ArrayList<>());
            if (kept.size() < 6) {
                kept.add(r + " || " + example);
            }
        }
        for (String kind : r.corruptions()) {
            int[] c = byKind.computeIfAbsent(kind, k -> new int[2]);
            c[0]++;
            c[1] += whyMissed == null ? 1 : 0;
        }
        if (whyMissed != null) {
            missed++;
            reasons.merge(whyMissed, 1, Integer::sum);
        }
    }

    /** Why the true person's best record did not link, given the candidates scoring met. */
    static <K> String why(
            MatchRecord submitted,
            Map<K, List<MatchRecord>> candidates,
            List<K> truePersons,
            ProbabilisticMatcher matcher,
            boolean linkedOther,
            int exactMatches) {
        if (linkedOther) {
            return "linked to another person";
        }
        if (truePersons.isEmpty()) {
            return "blocking: true person not a candidate";
        }
        if (exactMatches > 1) {
            return "exact rule: several persons";
        }
        MatchRecord bestKnown = truePersons.stream()
                .flatMap(p -> candidates.get(p).stream())
                .max(Comparator.comparingDouble(
                        known -> matcher.score(submitted, known).total()))
                .orElseThrow();
        MatchScore best = matcher.score(submitted, bestKnown);
        if (best.total() < matcher.weights().certain()) {
            return "score under the certain threshold";
        }
        var broken = CertaintyRule.broken(
                best.namesSwapped() ? submitted.namesSwapped() : submitted, bestKnown, best.contributions());
        return broken.isEmpty() ? "another candidate also certain or higher" : "rule broken: " + broken;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("    missed expected links: %d%n", missed));
        out.append(String.format(
                "    (of all %d expected links, %d = %.2f%% share no address, phone or SSN with any earlier registration"
                        + " of the person: decisions §9 does not let them link, so recall is at most %.2f%%)%n",
                expected,
                uncorroborable,
                100.0 * uncorroborable / expected,
                100.0 - 100.0 * uncorroborable / expected));
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("      %6d  %s%n", e.getValue(), e.getKey())));
        if (Boolean.getBoolean("bench.debug")) {
            examples.forEach((why, list) -> list.forEach(
                    e -> out.append("EX ").append(why).append(": ").append(e).append('\n')));
        }
        out.append("    recall by what the desk did (expected links with it, recall):\n");
        byKind.forEach(
                (kind, c) -> out.append(String.format("      %-28s %6d  %6.2f%%%n", kind, c[0], 100.0 * c[1] / c[0])));
        return out.toString();
    }
}
