package io.chartstream.exchange.subscription.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void delaysDoubleFromTheInitialDelayUpToTheCap() {
        assertEquals(
                java.util.List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L),
                IntStream.rangeClosed(1, 7)
                        .mapToObj(n -> schedule.delayAfter(n).toSeconds())
                        .toList());
    }

    @Test
    void receiverDownForDaysIsStillRetriedEveryCapWithoutOverflow() {
        assertEquals(Duration.ofSeconds(30), schedule.delayAfter(10_000));
        assertEquals(Duration.ofSeconds(30), schedule.delayAfter(Integer.MAX_VALUE));
    }

    @Test
    void noFailureMeansNoDelay() {
        assertEquals(Duration.ZERO, schedule.delayAfter(0));
    }

    @Test
    void capBelowTheInitialDelayIsRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> new RetrySchedule(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
