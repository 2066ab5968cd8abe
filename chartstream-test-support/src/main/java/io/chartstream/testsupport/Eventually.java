package io.chartstream.testsupport;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ThrowingRunnable;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waiting in tests, with Awaitility: for what travels through Kafka into a view, an outbox, a
 * webhook. One default patience for the suite, generous because CI has two loaded cores.
 */
public final class Eventually {

    public static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private Eventually() {}

    public static ConditionFactory within(Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(POLL).pollDelay(Duration.ZERO);
    }

    /** Runs {@code assertion} until it passes; the last failure is the test's failure. */
    public static void assertThat(ThrowingRunnable assertion) {
        within(PATIENCE).untilAsserted(assertion);
    }

    public static void assertThat(Duration timeout, ThrowingRunnable assertion) {
        within(timeout).untilAsserted(assertion);
    }

    /** The first value of {@code supplier} that satisfies {@code accepted}. */
    public static <T> T get(Callable<T> supplier, Predicate<? super T> accepted) {
        return within(PATIENCE).until(supplier, accepted::test);
    }

    public static <T> T get(Duration timeout, Callable<T> supplier, Predicate<? super T> accepted) {
        return within(timeout).until(supplier, accepted::test);
    }

    public static void until(Callable<Boolean> condition) {
        within(PATIENCE).until(condition);
    }
}
