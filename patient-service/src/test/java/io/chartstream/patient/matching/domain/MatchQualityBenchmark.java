package io.chartstream.patient.matching.domain;

import io.chartstream.patient.matching.domain.LabelledRegistrations.Labelled;
import io.chartstream.patient.matching.domain.SourcePersons.SourcePerson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Match quality on labelled data, a benchmark rather than a test (it asserts nothing; it prints
 * the figures). Estimates m, u and thresholds on a training split, then registers a separate test
 * split with those weights (alone, and after the exact rule as registration runs them, with a
 * breakdown of the misses), with the shipped weights, and with the exact rule it replaces.
 *
 * <pre>
 * mvn -o -q -pl patient-service -am test -Dtest=MatchQualityBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench=true [-Dbench.persons=20000] [-Dbench.synthea=/tmp/mpi-synthea/fhir] [-Dbench.wrong-links=true]
 * </pre>
 *
 * {@code -Dbench.wrong-links=true} prints every wrong certain link of every run ({@link WrongLinks}).
 *
 * The estimated weights are written to {@code target/match-weights.estimated.properties}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class MatchQualityBenchmark {

    private static final double PRECISION_GOAL = 0.9999;
    private static final double REVIEW_BUDGET = 0.02;

    @Test
    void matchQualityAgainstTheExactRule() throws IOException {
        int persons = Integer.getInteger("bench.persons", 20_000);
        List<SourcePerson> syntheaTrain = new ArrayList<>();
        List<SourcePerson> syntheaTest = new ArrayList<>();
        String synthea = System.getProperty("bench.synthea");
        if (synthea != null) {
            List<SourcePerson> all = SourcePersons.fromSynthea(Path.of(synthea));
            for (int i = 0; i < all.size(); i++) {
                (i % 2 == 0 ? syntheaTrain : syntheaTest).add(all.get(i));
            }
        }
        List<Labelled> training = split(syntheaTrain, persons, 1);
        if (Boolean.getBoolean("bench.tuning")) {
            tune(training);
            return;
        }
        List<Labelled> test = split(syntheaTest, persons, 2);

        long started = System.nanoTime();
        Properties estimated = new WeightEstimation().estimate(training, PRECISION_GOAL, REVIEW_BUDGET);
        long estimatedIn = System.nanoTime() - started;
        Path out = Path.of("target", "match-weights.estimated.properties");
        try (Writer w = Files.newBufferedWriter(out)) {
            estimated.store(w, "estimated by MatchQualityBenchmark");
        }

        System.out.printf(
                "%nmatch quality: %d source persons per split (%d from Synthea in the test split), training %d"
                        + " registrations, test %d registrations; estimation %.1f s%n",
                persons + syntheaTest.size(), syntheaTest.size(), training.size(), test.size(), estimatedIn / 1e9);
        System.out.println("estimated " + MatchWeights.fromProperties(estimated).certain() + " / "
                + MatchWeights.fromProperties(estimated).possible() + " (certain / possible), weights in " + out);
        long t0 = System.nanoTime();
        var trained = MatchSimulation.probabilistic(
                test, new ProbabilisticMatcher(MatchWeights.fromProperties(estimated), Nicknames.standard()));
        long t1 = System.nanoTime();
        System.out.println(
                "  " + trained + String.format(" [%.0f registrations/s in memory]", test.size() / ((t1 - t0) / 1e9)));
        System.out.println(
                "  shipped weights: " + MatchSimulation.probabilistic(test, ProbabilisticMatcher.standard()));
        MissBreakdown misses = new MissBreakdown();
        System.out.println("  "
                + MatchSimulation.probabilistic(
                        test,
                        new ProbabilisticMatcher(MatchWeights.fromProperties(estimated), Nicknames.standard()),
                        true,
                        misses));
        System.out.print(misses);
        System.out.println("  shipped weights, as registration runs them: "
                + MatchSimulation.probabilistic(test, ProbabilisticMatcher.standard(), true));
        uncorroboratedLinks(test, MatchWeights.standard());
        System.out.println("  " + MatchSimulation.exactBaseline(test));
        if (!syntheaTest.isEmpty()) {
            List<Labelled> onlySynthea = split(syntheaTest, 0, 3);
            System.out.println("  Synthea persons only (+ their twins and common-name strangers):");
            System.out.println("    "
                    + MatchSimulation.probabilistic(
                            onlySynthea,
                            new ProbabilisticMatcher(MatchWeights.fromProperties(estimated), Nicknames.standard())));
            System.out.println("    " + MatchSimulation.exactBaseline(onlySynthea));
        }
    }

    /**
     * Decisions §34's option, off in production, on here with each name share of
     * {@code -Dbench.name-shares} (default 0.0001, 0.00005) once the index holds
     * {@code -Dbench.min-index} records (default 10000): registration's way, exact rule then score,
     * with the shipped weights (those the option would run with).
     */
    private static void uncorroboratedLinks(List<Labelled> test, MatchWeights weights) {
        long minIndex = Long.getLong("bench.min-index", 10_000);
        for (String share :
                System.getProperty("bench.name-shares", "0.0001,0.00005").split(",")) {
            UncorroboratedLink option = new UncorroboratedLink(true, Double.parseDouble(share.trim()), minIndex);
            MissBreakdown misses = new MissBreakdown();
            System.out.printf(
                    "  with decisions §34's option: a rare name (at most %s of the index's records, once it holds %d)%n",
                    share.trim(), minIndex);
            System.out.println("  "
                    + MatchSimulation.probabilistic(
                            test, new ProbabilisticMatcher(weights, Nicknames.standard()), true, misses, option));
            System.out.println(misses.causes());
        }
    }

    /**
     * Tuning looks at the training split only ({@code -Dbench.tuning=true}): its figures with the
     * weights estimated on it, as registration runs them, and where its expected links go.
     */
    private static void tune(List<Labelled> training) {
        Properties estimated = new WeightEstimation().estimate(training, PRECISION_GOAL, REVIEW_BUDGET);
        MatchWeights weights = MatchWeights.fromProperties(estimated);
        System.out.printf(
                "%ntuning on the training split only (%d registrations): estimated %.1f / %.1f%n",
                training.size(), weights.certain(), weights.possible());
        MissBreakdown misses = new MissBreakdown();
        System.out.println("  "
                + MatchSimulation.probabilistic(
                        training, new ProbabilisticMatcher(weights, Nicknames.standard()), true, misses));
        System.out.print(misses);
        if (Boolean.getBoolean("bench.debug")) {
            wrongPairs(training, new ProbabilisticMatcher(weights, Nicknames.standard()));
        }
    }

    /** The candidate pairs of different persons that keep every rule, best first, and the bands. */
    private static void wrongPairs(List<Labelled> training, ProbabilisticMatcher matcher) {
        List<String> wrong = new ArrayList<>();
        java.util.Map<Integer, int[]> bands = new java.util.TreeMap<>();
        WeightEstimation.forEachCandidatePair(training, (submitted, known, same) -> {
            MatchRecord a = submitted.demographics().matchRecord();
            MatchRecord k = known.demographics().matchRecord();
            MatchScore s = matcher.score(a, k);
            if (!ProbabilisticMatcher.mayBeCertain(s.namesSwapped() ? a.namesSwapped() : a, k, s.contributions())) {
                return;
            }
            bands.computeIfAbsent((int) Math.floor(s.total() / 2) * 2, b -> new int[2])[same ? 0 : 1]++;
            if (!same && s.total() > 15) {
                wrong.add(String.format("%6.1f %s | %s | %s", s.total(), submitted, known, s.contributions()));
            }
        });
        wrong.sort(java.util.Comparator.reverseOrder());
        wrong.stream().limit(60).forEach(System.out::println);
        bands.forEach((b, c) -> System.out.printf("band %4d: same %6d, different %6d%n", b, c[0], c[1]));
    }

    /** Synthea persons plus synthetic ones, 2 % of them given a twin and 1 % common-name strangers. */
    private static List<Labelled> split(List<SourcePerson> synthea, int synthetic, long seed) {
        List<SourcePerson> persons = new ArrayList<>(synthea);
        persons.addAll(SourcePersons.synthetic(synthetic, seed));
        int n = persons.size();
        return LabelledRegistrations.of(SourcePersons.withHardNegatives(persons, n / 50, n / 100, seed), seed);
    }
}
