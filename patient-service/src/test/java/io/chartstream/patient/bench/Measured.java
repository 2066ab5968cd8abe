package io.chartstream.patient.bench;

import io.chartstream.patient.bench.Arrivals.Arrival;
import io.chartstream.patient.bench.Arrivals.Kind;
import io.chartstream.patient.registration.application.RegistrationOutcome;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/** The latencies and outcomes of one measured window (thread-safe). */
final class Measured {

    private final long[] latencies;
    private final AtomicLongArray counts = new AtomicLongArray(8);
    private int size;

    private static final int NEW_PERSON = 0;
    private static final int LINKED = 1;
    private static final int UNCHANGED = 2;
    private static final int FAILED = 3;
    private static final int RETURNING = 4;
    private static final int RETURNING_FOUND = 5;
    private static final int RETURNING_WRONG = 6;

    Measured(int capacity) {
        latencies = new long[capacity];
    }

    synchronized void latency(long nanos) {
        if (size < latencies.length) {
            latencies[size++] = nanos;
        }
    }

    void outcome(Arrival arrival, RegistrationOutcome outcome) {
        counts.incrementAndGet(outcome.position().isEmpty() ? UNCHANGED : outcome.created() ? NEW_PERSON : LINKED);
        if (arrival.kind() == Kind.RETURNING) {
            counts.incrementAndGet(RETURNING);
            if (!outcome.created()) {
                counts.incrementAndGet(
                        outcome.person().personId().equals(arrival.truth()) ? RETURNING_FOUND : RETURNING_WRONG);
            }
        }
    }

    private volatile String firstFailure = "";

    void failed(RuntimeException e) {
        if (counts.incrementAndGet(FAILED) == 1) {
            firstFailure = " (first: " + e + ")";
        }
    }

    /** Registrations that got an answer (not failed). */
    synchronized long completed() {
        return size - counts.get(FAILED);
    }

    synchronized String summary(String name, double seconds) {
        long[] sorted = Arrays.copyOf(latencies, size);
        Arrays.sort(sorted);
        return String.format(
                "%s: %,d registrations in %.1f s = %.1f/s; latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f;"
                        + " new persons %d, linked %d, unchanged %d, failed %d; returning %d: linked to their person %d"
                        + " (%.1f %%), to another %d%s",
                name,
                size,
                seconds,
                size / seconds,
                pct(sorted, 0.50),
                pct(sorted, 0.95),
                pct(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                counts.get(NEW_PERSON),
                counts.get(LINKED),
                counts.get(UNCHANGED),
                counts.get(FAILED),
                counts.get(RETURNING),
                counts.get(RETURNING_FOUND),
                100.0 * counts.get(RETURNING_FOUND) / Math.max(1, counts.get(RETURNING)),
                counts.get(RETURNING_WRONG),
                firstFailure);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
