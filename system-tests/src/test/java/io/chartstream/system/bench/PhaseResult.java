package io.chartstream.system.bench;

import java.time.Duration;
import java.util.List;

/**
 * One measured operation: the latency of each answered request, the failures, the ids the
 * creates returned, the phase's wall time, and whether the run's time limit cut it short.
 */
record PhaseResult(
        String operation,
        List<Long> latenciesNanos,
        List<String> errors,
        List<String> createdIds,
        Duration wall,
        boolean truncated) {

    PhaseResult {
        latenciesNanos = latenciesNanos.stream().sorted().toList();
        errors = List.copyOf(errors);
        createdIds = List.copyOf(createdIds);
    }

    int ok() {
        return latenciesNanos.size();
    }

    /** Answered requests per second of the phase's wall time, as a client with this many workers sees it. */
    double opsPerSecond() {
        return wall.isZero() ? 0 : ok() / (wall.toNanos() / 1e9);
    }

    /** The nearest-rank percentile in milliseconds: the smallest latency at least {@code p}% of requests did not exceed. */
    double percentileMillis(double p) {
        if (latenciesNanos.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * latenciesNanos.size());
        return latenciesNanos.get(Math.clamp(rank - 1, 0, latenciesNanos.size() - 1)) / 1e6;
    }
}
