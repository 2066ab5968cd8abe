package io.chartstream.loader.progress;

import io.chartstream.loader.progress.Tally.Counts;

import java.time.Duration;
import java.util.Optional;

/**
 * One line of progress, e.g. {@code [######--------------]  31%  files 3/11  entries 12,345/39,800
 * 1,204 entries/s  ETA 23s  refused 0}.
 */
public final class ProgressLine {

    private static final int BAR = 20;

    private ProgressLine() {}

    public static String format(Counts counts, double entriesPerSecond, Optional<Duration> eta) {
        long total = Math.max(counts.entriesTotal(), counts.entriesDone());
        int percent = total == 0 ? 0 : (int) (counts.entriesDone() * 100 / total);
        int filled = percent * BAR / 100;
        return String.format(
                "[%s%s] %3d%%  files %d/%d  entries %,d/%,d  %,.0f entries/s  ETA %s  refused %,d",
                "#".repeat(filled),
                "-".repeat(BAR - filled),
                percent,
                counts.filesDone(),
                counts.filesTotal(),
                counts.entriesDone(),
                total,
                entriesPerSecond,
                eta.map(Durations::format).orElse("--"),
                counts.refused());
    }

    /** Time left at {@code perSecond}; empty while nothing moves. */
    public static Optional<Duration> eta(Counts counts, double perSecond) {
        long left = Math.max(0, counts.entriesTotal() - counts.entriesDone());
        if (left == 0) {
            return Optional.of(Duration.ZERO);
        }
        if (perSecond <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) Math.ceil(left * 1000 / perSecond)));
    }
}
