package io.chartstream.loader.progress;

import io.chartstream.loader.progress.Tally.Counts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {

    @Test
    void lineShowsFilesEntriesRateEtaAndRefusals() {
        Locale.setDefault(Locale.ROOT);
        Counts counts = new Counts(3, 11, 10_000, 12, 2_333, 39_800);

        String line = ProgressLine.format(counts, 1_204.4, Optional.of(Duration.ofSeconds(23)));

        assertEquals(
                "[######--------------]  31%  files 3/11  entries 12,345/39,800  1,204 entries/s  ETA 23s  refused 12",
                line);
    }

    @Test
    void etaIsWhatIsLeftAtTheCurrentPace() {
        Counts counts = new Counts(0, 2, 1_000, 0, 0, 61_000);

        assertEquals(Optional.of(Duration.ofSeconds(60)), ProgressLine.eta(counts, 1_000));
        assertEquals(Optional.empty(), ProgressLine.eta(counts, 0));
        assertEquals("--", ProgressLine.format(counts, 0, Optional.empty()).replaceAll(".*ETA (\\S+).*", "$1"));
        assertEquals(Optional.of(Duration.ZERO), ProgressLine.eta(new Counts(2, 2, 5, 0, 0, 5), 0));
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("42s", Durations.format(Duration.ofSeconds(42)));
        assertEquals("3m05s", Durations.format(Duration.ofSeconds(185)));
        assertEquals("1h02m", Durations.format(Duration.ofMinutes(62)));
    }

    @Test
    void rateIsMeasuredOverTheWindowOnly() {
        RateWindow window = new RateWindow(10_000_000_000L);
        window.add(0, 0, 0);
        window.add(5_000_000_000L, 5_000, 6_000);
        window.add(20_000_000_000L, 5_000, 6_000);

        // the first sample fell out of the window: no progress in the last 15 s
        assertEquals(0, window.loadedPerSecond());

        window.add(21_000_000_000L, 6_000, 7_000);
        assertEquals(1_000 / 16.0, window.loadedPerSecond(), 0.01);
    }
}
