package io.chartstream.patient.matching.domain;

import io.chartstream.patient.matching.domain.LabelledRegistrations.Labelled;
import io.chartstream.patient.registration.domain.Demographics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registers labelled registrations one after another the way the MPI does: certain links, a
 * possible match is a new person plus a review, nothing is a new person. Counts against the
 * truth: a certain link is right when its person was created by a registration of the same
 * true person; a registration is expected to link when its true person was registered before.
 */
final class MatchSimulation {

    record Figures(
            String rule,
            int registrations,
            int expectedLinks,
            int certain,
            int correct,
            int possible,
            int possibleTrue,
            int blockedTrue,
            long candidatePersons,
            int uncorroborated,
            int hardLinks,
            int hardCorrect) {

        double precision() {
            return certain == 0 ? 1.0 : (double) correct / certain;
        }

        double recall() {
            return expectedLinks == 0 ? 1.0 : (double) correct / expectedLinks;
        }

        double f1() {
            return 2 * precision() * recall() / (precision() + recall());
        }

        double reviewShare() {
            return (double) possible / registrations;
        }

        @Override
        public String toString() {
            return String.format(
                    "%-13s registrations %6d, expected links %6d, certain %6d (wrong %d): precision %.4f%%, recall %.2f%%,"
                            + " F1 %.4f; review %d = %.2f%% (%d of them true, %d over the certain threshold but uncorroborated or ambiguous); true person among candidates %.2f%%,"
                            + " candidate persons per registration %.1f; hard negatives (a twin or common-name"
                            + " stranger on either side of a link): %d links, %d wrong, precision %.4f%%",
                    rule,
                    registrations,
                    expectedLinks,
                    certain,
                    certain - correct,
                    100 * precision(),
                    100 * recall(),
                    f1(),
                    possible,
                    100 * reviewShare(),
                    possibleTrue,
                    uncorroborated,
                    expectedLinks == 0 ? 100.0 : 100.0 * blockedTrue / expectedLinks,
                    (double) candidatePersons / registrations,
                    hardLinks,
                    hardLinks - hardCorrect,
                    hardLinks == 0 ? 100.0 : 100.0 * hardCorrect / hardLinks);
        }
    }

    private MatchSimulation() {}

    static Figures probabilistic(List<Labelled> registrations, ProbabilisticMatcher matcher) {
        return probabilistic(registrations, matcher, false);
    }

    /** As registration does it when {@code exactFirst}: the exact rule, then the score. */
    static Figures probabilistic(List<Labelled> registrations, ProbabilisticMatcher matcher, boolean exactFirst) {
        return probabilistic(registrations, matcher, exactFirst, null);
    }

    /** As above, telling {@code misses} (when not null) about every expected link. */
    static Figures probabilistic(
            List<Labelled> registrations, ProbabilisticMatcher matcher, boolean exactFirst, MissBreakdown misses) {
        return probabilistic(registrations, matcher, exactFirst, misses, UncorroboratedLink.OFF);
    }

    /**
     * As above, with decisions §34's option: the name's frequency read from the simulated index as
     * MatchIndex reads it (records under the name's sound, records in all). The labelled
     * registrations carry no identifiers but the SSN, so the identifier veto never has anything to say.
     */
    static Figures probabilistic(
            List<Labelled> registrations,
            ProbabilisticMatcher matcher,
            boolean exactFirst,
            MissBreakdown misses,
            UncorroboratedLink option) {
        List<Demographics> firstOfPerson = new ArrayList<>();
        List<String> truthOfPerson = new ArrayList<>();
        Map<String, List<Integer>> blocks = new HashMap<>();
        List<MatchRecord> records = new ArrayList<>();
        List<Integer> personOfRecord = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, List<MatchRecord>> byTruth = new HashMap<>();
        int expected = 0, certain = 0, correct = 0, possible = 0, possibleTrue = 0, blockedTrue = 0, overThreshold = 0;
        int hardLinks = 0, hardCorrect = 0;
        long candidates = 0;
        for (Labelled r : registrations) {
            MatchRecord submitted = r.demographics().matchRecord();
            boolean known = seen.contains(r.truth());
            Map<Integer, List<MatchRecord>> byPerson = new LinkedHashMap<>();
            for (String key : BlockingKeys.lookup(submitted)) {
                List<Integer> block = blocks.getOrDefault(key, List.of());
                for (int rec : block) {
                    if (block.size() > LargeBlocks.SIZE && !LargeBlocks.read(submitted, records.get(rec))) {
                        continue; // as MatchIndex reads a large block
                    }
                    List<MatchRecord> recs = byPerson.computeIfAbsent(personOfRecord.get(rec), p -> new ArrayList<>());
                    if (!recs.contains(records.get(rec))) {
                        recs.add(records.get(rec));
                    }
                }
            }
            candidates += byPerson.size();
            List<Integer> truePersons = byPerson.keySet().stream()
                    .filter(p -> truthOfPerson.get(p).equals(r.truth()))
                    .toList();
            if (known && !truePersons.isEmpty()) {
                blockedTrue++;
            }
            List<Integer> exact = exactFirst
                    ? byPerson.keySet().stream()
                            .filter(p -> r.demographics().certainlySamePersonAs(firstOfPerson.get(p)))
                            .toList()
                    : List.of();
            Optional<ProbabilisticMatcher.Candidate<Integer>> best = exact.isEmpty()
                    ? matcher.best(
                            submitted,
                            byPerson,
                            option,
                            (p, k) -> option.rare(
                                    BlockingKeys.nameKey(k)
                                            .map(key -> blocks.getOrDefault(key, List.of())
                                                    .size())
                                            .orElse(0),
                                    records.size()))
                    : Optional.empty();
            int person;
            boolean linked =
                    exact.size() == 1 || best.isPresent() && best.get().score().outcome() == MatchOutcome.CERTAIN;
            boolean right = linked
                    && truthOfPerson
                            .get(exact.size() == 1 ? exact.get(0) : best.get().key())
                            .equals(r.truth());
            if (known && misses != null) {
                misses.corroborable(byTruth.get(r.truth()).stream()
                        .anyMatch(k -> CertaintyRule.CORROBORATED.holds(
                                submitted, k, matcher.score(submitted, k).contributions())));
                misses.expected(
                        r,
                        right
                                ? null
                                : MissBreakdown.why(
                                        submitted,
                                        byPerson,
                                        truePersons,
                                        matcher,
                                        linked,
                                        exact.size(),
                                        !linked && best.isPresent()),
                        Boolean.getBoolean("bench.debug")
                                ? truePersons.stream()
                                        .flatMap(p -> byPerson.get(p).stream())
                                        .map(k -> k + " " + matcher.score(submitted, k))
                                        .toList()
                                : null);
            }
            if (linked) {
                person = exact.size() == 1 ? exact.get(0) : best.get().key();
                certain++;
                boolean hard = hardNegative(r.truth()) || hardNegative(truthOfPerson.get(person));
                hardLinks += hard ? 1 : 0;
                hardCorrect += hard && right ? 1 : 0;
                if (WrongLinks.ENABLED && exact.size() != 1) {
                    WrongLinks.tally(best.get().score(), right);
                }
                if (right) {
                    correct++;
                } else if (WrongLinks.ENABLED && exact.size() == 1) {
                    WrongLinks.exactRule(r, truthOfPerson.get(person), firstOfPerson.get(person), matcher);
                } else if (WrongLinks.ENABLED) {
                    WrongLinks.score(r, truthOfPerson.get(person), person, byPerson, matcher);
                }
            } else {
                person = truthOfPerson.size();
                truthOfPerson.add(r.truth());
                firstOfPerson.add(r.demographics());
                if (best.isPresent()) {
                    possible++;
                    overThreshold +=
                            best.get().score().total() >= matcher.weights().certain() ? 1 : 0;
                    if (truthOfPerson.get(best.get().key()).equals(r.truth())) {
                        possibleTrue++;
                    }
                }
            }
            expected += known ? 1 : 0;
            seen.add(r.truth());
            byTruth.computeIfAbsent(r.truth(), t -> new ArrayList<>()).add(submitted);
            records.add(submitted);
            personOfRecord.add(person);
            for (String key : BlockingKeys.of(submitted)) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(records.size() - 1);
            }
        }
        if (WrongLinks.ENABLED) {
            WrongLinks.printTally();
        }
        return new Figures(
                exactFirst ? "exact+score" : "probabilistic",
                registrations.size(),
                expected,
                certain,
                correct,
                possible,
                possibleTrue,
                blockedTrue,
                candidates,
                overThreshold,
                hardLinks,
                hardCorrect);
    }

    /** A twin or a stranger with one of the commonest names (SourcePersons#withHardNegatives). */
    private static boolean hardNegative(String truth) {
        return truth.startsWith("twin-") || truth.startsWith("common-");
    }

    /** The rule before issue 12: Demographics#certainlySamePersonAs on the first registration, exactly one. */
    static Figures exactBaseline(List<Labelled> registrations) {
        Map<Demographics.MatchKey, List<Integer>> byKey = new HashMap<>();
        List<Demographics> firstOfPerson = new ArrayList<>();
        List<String> truthOfPerson = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int expected = 0, certain = 0, correct = 0;
        long candidates = 0;
        for (Labelled r : registrations) {
            Demographics d = r.demographics();
            List<Integer> same = d.matchKey().map(k -> byKey.getOrDefault(k, List.of())).orElse(List.of()).stream()
                    .filter(p -> d.certainlySamePersonAs(firstOfPerson.get(p)))
                    .toList();
            candidates += same.size();
            expected += seen.contains(r.truth()) ? 1 : 0;
            if (same.size() == 1) {
                certain++;
                correct += truthOfPerson.get(same.get(0)).equals(r.truth()) ? 1 : 0;
            } else {
                int person = firstOfPerson.size();
                firstOfPerson.add(d);
                truthOfPerson.add(r.truth());
                d.matchKey()
                        .ifPresent(k ->
                                byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(person));
            }
            seen.add(r.truth());
        }
        return new Figures(
                "exact (before)", registrations.size(), expected, certain, correct, 0, 0, 0, candidates, 0, 0, 0);
    }
}
