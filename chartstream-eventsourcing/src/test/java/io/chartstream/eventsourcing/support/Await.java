package io.chartstream.eventsourcing.support;

import io.chartstream.testsupport.Eventually;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits with Awaitility (chartstream-test-support's {@link Eventually}) for a condition, naming it when it times out. */
public final class Await {

    private Await() {}

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        Eventually.within(timeout)
                .pollInterval(Duration.ofMillis(50))
                .alias(what)
                .until(condition::getAsBoolean);
    }
}
