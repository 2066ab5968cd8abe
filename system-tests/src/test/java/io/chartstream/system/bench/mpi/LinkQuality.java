package io.chartstream.system.bench.mpi;

import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Pairwise link quality of a clustering of registrations against the ground truth: every pair of
 * registrations of one patient key is an expected link; a pair under one person (one cluster) is a
 * link made, right when the keys agree and wrong when they differ. A registration without a
 * cluster (its person was never found) links nothing. Pure arithmetic, no I/O.
 *
 * @param expected pairs of one key
 * @param linked   pairs of one key under one person
 * @param wrong    pairs of different keys under one person
 */
record LinkQuality(long expected, long linked, long wrong) {

    /** The pairs {@code counted} selects among {@code registrations}, {@code clusterOf} giving each one's person (or null). */
    static LinkQuality of(
            List<Registration> registrations,
            java.util.function.Function<Registration, String> clusterOf,
            BiPredicate<Registration, Registration> counted) {
        long expected = 0;
        long linked = 0;
        long wrong = 0;
        for (int i = 0; i < registrations.size(); i++) {
            Registration a = registrations.get(i);
            String ca = clusterOf.apply(a);
            for (int j = i + 1; j < registrations.size(); j++) {
                Registration b = registrations.get(j);
                if (!counted.test(a, b)) {
                    continue;
                }
                boolean sameKey = a.key().equals(b.key());
                boolean together = ca != null && Objects.equals(ca, clusterOf.apply(b));
                if (sameKey) {
                    expected++;
                    if (together) {
                        linked++;
                    }
                } else if (together) {
                    wrong++;
                }
            }
        }
        return new LinkQuality(expected, linked, wrong);
    }

    /** Right links over links made; 1 when nothing was linked (no link, no wrong one). */
    double precision() {
        return linked + wrong == 0 ? 1.0 : (double) linked / (linked + wrong);
    }

    /** Right links over expected links; 1 when none was expected. */
    double recall() {
        return expected == 0 ? 1.0 : (double) linked / expected;
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    long missed() {
        return expected - linked;
    }
}
