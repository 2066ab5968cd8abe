package io.chartstream.patient.matching.domain;

import io.chartstream.patient.matching.domain.LabelledRegistrations.Labelled;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * m and u from labelled counts, and the two thresholds, on a training split. The pairs are the
 * candidate pairs blocking yields (each registration against every earlier record sharing a
 * key), so u is the chance of a level among the look-alikes scoring actually meets, not among
 * random pairs. Add-one-half smoothing keeps a level never seen from weighing infinitely.
 * Thresholds: certain is the lowest (step 0.5) at which the training precision of certain links
 * is at least {@code precisionGoal}, both above it and in every 2-bit band above it at least
 * 99 %, and never under the weight at which a candidate pair's posterior reaches the goal
 * (log2 of the goal's odds plus log2 of the prior odds against a candidate pair being a match);
 * possible the lowest at which the review share stays within {@code reviewBudget} (above the
 * certain one if need be).
 */
final class WeightEstimation {

    private final FieldComparators comparators = new FieldComparators(Nicknames.standard());
    private final Map<Field, Map<Level, long[]>> counts = new EnumMap<>(Field.class);

    /** Per registration with candidates: the best total of its true person (NaN if absent) and of anyone else. */
    private record Best(double trueTotal, boolean trueMayBeCertain, double wrongTotal, boolean wrongMayBeCertain) {}

    Properties estimate(List<Labelled> training, double precisionGoal, double reviewBudget) {
        countLevels(training);
        Properties p = new Properties();
        for (Field field : Field.values()) {
            Map<Level, long[]> byLevel = counts.getOrDefault(field, Map.of());
            long matches = byLevel.values().stream().mapToLong(c -> c[0]).sum();
            long nonMatches = byLevel.values().stream().mapToLong(c -> c[1]).sum();
            int levels = field.levels().size();
            for (Level level : field.levels()) {
                long[] c = byLevel.getOrDefault(level, new long[2]);
                p.setProperty(key(field, level, "m"), number((c[0] + 0.5) / (matches + 0.5 * levels)));
                p.setProperty(key(field, level, "u"), number((c[1] + 0.5) / (nonMatches + 0.5 * levels)));
            }
        }
        p.setProperty("threshold.certain", "0");
        p.setProperty("threshold.possible", "0");
        MatchWeights weights = MatchWeights.fromProperties(p);
        long[] pairs = new long[2];
        List<Best> best = bestScores(training, new ProbabilisticMatcher(weights, Nicknames.standard()), pairs);
        double priorOdds = MatchWeights.log2((double) pairs[1] / Math.max(1, pairs[0]));
        double floor = Math.ceil(2 * (MatchWeights.log2(precisionGoal / (1 - precisionGoal)) + priorOdds)) / 2;
        double certain = certainThreshold(best, precisionGoal, floor);
        double possible = possibleThreshold(best, certain, reviewBudget * training.size());
        p.setProperty("threshold.certain", number(certain));
        p.setProperty("threshold.possible", number(possible));
        return p;
    }

    /**
     * m from every pair of registrations of one true person (read crosswise when the desk swapped
     * the names, as scoring does); u from random pairs of different persons, the classic
     * estimate (pairs within blocks would make a shared family name look like no evidence).
     */
    private void countLevels(List<Labelled> training) {
        Map<String, List<MatchRecord>> byTruth = new HashMap<>();
        training.forEach(r -> byTruth.computeIfAbsent(r.truth(), t -> new ArrayList<>())
                .add(r.demographics().matchRecord()));
        for (List<MatchRecord> same : byTruth.values()) {
            for (int i = 0; i < same.size(); i++) {
                for (int j = 0; j < i; j++) {
                    count(oriented(same.get(i), same.get(j)), same.get(j), 0);
                }
            }
        }
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 20 * training.size(); n++) {
            Labelled a = training.get(random.nextInt(training.size()));
            Labelled b = training.get(random.nextInt(training.size()));
            if (!a.truth().equals(b.truth())) {
                count(a.demographics().matchRecord(), b.demographics().matchRecord(), 1);
            }
        }
    }

    private MatchRecord oriented(MatchRecord a, MatchRecord b) {
        MatchRecord swapped = a.namesSwapped();
        boolean readCrosswise = comparators.compare(Field.GIVEN, a, b) == Level.DIFFERENT
                && comparators.compare(Field.GIVEN, swapped, b) != Level.DIFFERENT
                && comparators.compare(Field.FAMILY, swapped, b) != Level.DIFFERENT;
        return readCrosswise ? swapped : a;
    }

    private void count(MatchRecord a, MatchRecord b, int matchOrNot) {
        for (Field field : Field.values()) {
            Level level = comparators.compare(field, a, b);
            if (level != null) {
                counts.computeIfAbsent(field, f -> new EnumMap<>(Level.class))
                        .computeIfAbsent(level, l -> new long[2])[matchOrNot]++;
            }
        }
    }

    /** Each registration's best true and wrong candidate; {@code pairs} counts the candidate pairs (same, different). */
    private static List<Best> bestScores(List<Labelled> training, ProbabilisticMatcher matcher, long[] pairs) {
        Map<Labelled, double[]> best = new IdentityHashMap<>();
        Map<Labelled, boolean[]> certainOk = new IdentityHashMap<>();
        forEachCandidatePair(training, (submitted, known, same) -> {
            MatchRecord a = submitted.demographics().matchRecord();
            MatchRecord k = known.demographics().matchRecord();
            MatchScore s = matcher.score(a, k);
            pairs[same ? 0 : 1]++;
            double[] b = best.computeIfAbsent(submitted, x -> new double[] {Double.NaN, Double.NaN});
            boolean[] ok = certainOk.computeIfAbsent(submitted, x -> new boolean[2]);
            int i = same ? 0 : 1;
            if (Double.isNaN(b[i]) || s.total() > b[i]) {
                b[i] = s.total();
                ok[i] = ProbabilisticMatcher.mayBeCertain(
                        s.namesSwapped() ? a.namesSwapped() : a, k, s.contributions());
            }
        });
        List<Best> out = new ArrayList<>();
        best.forEach((r, b) ->
                out.add(new Best(b[0], certainOk.get(r)[0], b[1], certainOk.get(r)[1])));
        return out;
    }

    /**
     * The lowest threshold (not under {@code floor}) at which the certain links above it keep the
     * precision goal, going down only while every 2-bit band keeps 99 %: a cumulative precision alone would
     * let many easy links above hide a band of wrong ones, and a band judged at the goal itself
     * would let a single wrong pair among a few hundred set the threshold.
     */
    private static double certainThreshold(List<Best> best, double precisionGoal, double floor) {
        double lowest = 80;
        long right = 0, wrong = 0;
        for (double t = 79.5; t >= floor; t -= 0.5) {
            long bandRight = 0, bandWrong = 0;
            for (Best b : best) {
                bandRight += b.trueMayBeCertain() && inBand(b.trueTotal(), t) ? 1 : 0;
                bandWrong += b.wrongMayBeCertain() && inBand(b.wrongTotal(), t) ? 1 : 0;
                right += b.trueMayBeCertain() && b.trueTotal() >= t && b.trueTotal() < t + 0.5 ? 1 : 0;
                wrong += b.wrongMayBeCertain() && b.wrongTotal() >= t && b.wrongTotal() < t + 0.5 ? 1 : 0;
            }
            if (bandWrong > 0 && (double) bandRight / (bandRight + bandWrong) < 0.99) {
                return lowest;
            }
            if (right + wrong == 0 || (double) right / (right + wrong) >= precisionGoal) {
                lowest = t;
            }
        }
        return lowest;
    }

    private static boolean inBand(double total, double from) {
        return total >= from && total < from + 2;
    }

    /**
     * The lowest threshold at which the registrations that do not link certainly but reach it
     * stay within the review budget; it may lie above the certain threshold (then a score that
     * breaks a rule needs more to be reviewed than one that keeps them needs to link).
     */
    private static double possibleThreshold(List<Best> best, double certain, double reviewBudget) {
        double chosen = 80;
        for (double t = 80; t > -20; t -= 0.5) {
            long reviews = 0;
            for (Best b : best) {
                double top = Double.isNaN(b.trueTotal())
                        ? b.wrongTotal()
                        : Double.isNaN(b.wrongTotal()) ? b.trueTotal() : Math.max(b.trueTotal(), b.wrongTotal());
                boolean certainLink = (b.trueMayBeCertain() && b.trueTotal() >= certain)
                        ^ (b.wrongMayBeCertain() && b.wrongTotal() >= certain);
                if (!certainLink && top >= t) {
                    reviews++;
                }
            }
            if (reviews > reviewBudget) {
                return chosen;
            }
            chosen = t;
        }
        return chosen;
    }

    interface PairVisitor {
        void visit(Labelled submitted, Labelled known, boolean samePerson);
    }

    /** Each registration against every earlier one sharing a blocking key, once. */
    static void forEachCandidatePair(List<Labelled> registrations, PairVisitor visitor) {
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < registrations.size(); i++) {
            Labelled r = registrations.get(i);
            Set<Integer> earlier = new HashSet<>();
            BlockingKeys.lookup(r.demographics().matchRecord())
                    .forEach(k -> earlier.addAll(blocks.getOrDefault(k, List.of())));
            for (int j : earlier) {
                Labelled known = registrations.get(j);
                visitor.visit(r, known, known.truth().equals(r.truth()));
            }
            for (String k : BlockingKeys.of(r.demographics().matchRecord())) {
                blocks.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            }
        }
    }

    private static String key(Field field, Level level, String which) {
        return field.key() + "." + level + "." + which;
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }
}
