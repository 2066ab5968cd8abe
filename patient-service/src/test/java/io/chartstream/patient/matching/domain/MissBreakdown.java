package io.chartstream.patient.matching.domain;

import io.chartstream.patient.matching.domain.LabelledRegistrations.Labelled;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the expected links of a simulated run go: why each one that did not link right did not
 * (the true person was no candidate, scored under the certain threshold, broke a rule, was one
 * of several certain persons, or another person was linked), and the recall per kind of
 * corruption the desk applied, with each kind's misses by {@link Cause}.
 */
final class MissBreakdown {

    /** The four ways an expected link is lost, plus a wrong link; a miss has exactly one. */
    enum Cause {
        BLOCKING("blocking"),
        BELOW_REVIEW("below review"),
        REVIEW("to review"),
        UNCORROBORATED("§9 only"),
        WRONG_PERSON("wrong person");

        final String column;

        Cause(String column) {
            this.column = column;
        }
    }

    /** Why one expected link was missed: its cause and the detail (which rules broke). */
    record Miss(Cause cause, String detail) {}

    private final Map<String, Integer> reasons = new TreeMap<>();
    private final Map<Cause, Integer> causes = new java.util.EnumMap<>(Cause.class);
    private final Map<String, int[]> causesByKind = new TreeMap<>();
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

    /** One expected link: null when it linked right, else why not; with what the true person's best record scored (an example with -Dbench.debug). */
    void expected(Labelled r, Miss miss, Object example) {
        String whyMissed = miss == null ? null : miss.detail();
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
            if (miss != null) {
                causesByKind
                        .computeIfAbsent(kind, k -> new int[Cause.values().length])[
                        miss.cause().ordinal()]++;
            }
        }
        if (miss != null) {
            causes.merge(miss.cause(), 1, Integer::sum);
            missed++;
            reasons.merge(whyMissed, 1, Integer::sum);
        }
    }

    /**
     * Why the true person's best record did not link, given the candidates scoring met and whether
     * the registration was sent to review. A certain score whose one broken rule is corroboration
     * counts as decisions §9's, reviewed or not: only a change of §9 would link it.
     */
    static <K> Miss why(
            MatchRecord submitted,
            Map<K, List<MatchRecord>> candidates,
            List<K> truePersons,
            ProbabilisticMatcher matcher,
            boolean linkedOther,
            int exactMatches,
            boolean reviewed) {
        if (linkedOther) {
            return new Miss(Cause.WRONG_PERSON, "linked to another person");
        }
        if (truePersons.isEmpty()) {
            return new Miss(Cause.BLOCKING, "blocking: true person not a candidate");
        }
        Cause unlinked = reviewed ? Cause.REVIEW : Cause.BELOW_REVIEW;
        if (exactMatches > 1) {
            return new Miss(unlinked, "exact rule: several persons");
        }
        MatchRecord bestKnown = truePersons.stream()
                .flatMap(p -> candidates.get(p).stream())
                .max(Comparator.comparingDouble(
                        known -> matcher.score(submitted, known).total()))
                .orElseThrow();
        MatchScore best = matcher.score(submitted, bestKnown);
        if (best.total() < matcher.weights().certain()) {
            return new Miss(unlinked, "score under the certain threshold");
        }
        var broken = CertaintyRule.broken(
                best.namesSwapped() ? submitted.namesSwapped() : submitted, bestKnown, best.contributions());
        if (broken.equals(java.util.EnumSet.of(CertaintyRule.CORROBORATED))) {
            boolean exact = Stream.of(Field.GIVEN, Field.FAMILY, Field.BIRTH_DATE, Field.GENDER)
                    .allMatch(f -> best.level(f) == Level.EXACT);
            return new Miss(
                    Cause.UNCORROBORATED,
                    "rule broken: " + broken + (exact ? ", names, birth date and gender exact" : ", a slip or gap"));
        }
        if (broken.isEmpty()) {
            List<MatchRecord> records = truePersons.stream()
                    .flatMap(p -> candidates.get(p).stream())
                    .toList();
            Map<MatchRecord, MatchScore> scores = new java.util.LinkedHashMap<>();
            records.forEach(k -> scores.put(k, matcher.score(submitted, k)));
            var person = PersonRule.broken(
                    best.namesSwapped() ? submitted.namesSwapped() : submitted, bestKnown, best, scores);
            if (!person.isEmpty()) {
                return new Miss(unlinked, "person rule broken: " + person);
            }
        }
        return new Miss(
                unlinked, broken.isEmpty() ? "another candidate also certain or higher" : "rule broken: " + broken);
    }

    /** The misses by cause, one line. */
    String causes() {
        StringBuilder out = new StringBuilder(String.format("    missed expected links: %d, by cause:", missed));
        causes.forEach((cause, n) -> out.append(String.format(" %s %d;", cause.column, n)));
        return out.toString();
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
        out.append(causes()).append('\n');
        reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("      %6d  %s%n", e.getValue(), e.getKey())));
        if (Boolean.getBoolean("bench.debug")) {
            examples.forEach((why, list) -> list.forEach(
                    e -> out.append("EX ").append(why).append(": ").append(e).append('\n')));
        }
        out.append("    recall by what the desk did (expected links with it, recall; its misses by cause):\n");
        out.append(String.format("      %-28s %6s  %7s", "", "links", "recall"));
        for (Cause cause : Cause.values()) {
            out.append(String.format(" %12s", cause.column));
        }
        out.append('\n');
        byKind.forEach((kind, c) -> {
            out.append(String.format("      %-28s %6d  %6.2f%%", kind, c[0], 100.0 * c[1] / c[0]));
            int[] byCause = causesByKind.getOrDefault(kind, new int[Cause.values().length]);
            for (int n : byCause) {
                out.append(String.format(" %12d", n));
            }
            out.append('\n');
        });
        return out.toString();
    }
}
