package io.chartstream.eventsourcing.projection;

import java.time.Duration;
import java.time.Instant;

/** Where a rebuild is: events applied of the total, rate and time left. */
public record RebuildProgress(
        String projection,
        String state,
        long applied,
        long total,
        double eventsPerSecond,
        double percent,
        long etaSeconds,
        Instant startedAt,
        Instant finishedAt,
        String error) {

    static RebuildProgress of(
            String projection,
            String state,
            long applied,
            long total,
            Instant startedAt,
            Instant finishedAt,
            String error) {
        Instant end = finishedAt == null ? Instant.now() : finishedAt;
        double seconds = Math.max(1e-3, Duration.between(startedAt, end).toNanos() / 1e9);
        double rate = applied / seconds;
        double percent = total == 0 ? 100.0 : Math.min(100.0, 100.0 * applied / total);
        long eta = rate <= 0 ? -1 : (long) Math.ceil(Math.max(0, total - applied) / rate);
        return new RebuildProgress(
                projection,
                state,
                applied,
                total,
                Math.round(rate * 10) / 10.0,
                Math.round(percent * 10) / 10.0,
                eta,
                startedAt,
                finishedAt,
                error);
    }

    @Override
    public String toString() {
        return String.format(
                "%s %s: %d/%d events (%.1f%%), %.0f events/s, ETA %ds%s",
                projection,
                state,
                applied,
                total,
                percent,
                eventsPerSecond,
                etaSeconds,
                error == null ? "" : ", error: " + error);
    }
}
