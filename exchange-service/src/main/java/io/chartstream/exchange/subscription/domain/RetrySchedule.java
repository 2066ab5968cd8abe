package io.chartstream.exchange.subscription.domain;

import java.time.Duration;

/**
 * Exponential backoff for a webhook receiver that is down: {@code initial}, twice that, four
 * times ... up to {@code cap}, then every {@code cap} for as long as it takes. A notification
 * is never given up on; the receiver's backlog waits in order.
 */
public record RetrySchedule(Duration initial, Duration cap) {

    public RetrySchedule {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= cap");
        }
    }

    /** The wait after the {@code failedAttempts}-th failed attempt in a row (1 = first failure). */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
    }
}
