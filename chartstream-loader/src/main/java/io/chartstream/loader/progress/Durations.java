package io.chartstream.loader.progress;

import java.time.Duration;

/** Durations as people read them on a progress line: {@code 42s}, {@code 3m05s}, {@code 1h02m}. */
public final class Durations {

    private Durations() {}

    public static String format(Duration duration) {
        long s = Math.max(0, (duration.toMillis() + 500) / 1000);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
