package io.chartstream.loader.http;

import java.time.Duration;
import java.util.Optional;

/**
 * How often and how long to wait before sending a chunk again after a 503, a 429 or a lost
 * connection: 1, 2, 4, 8, 16 s ... (capped at 30 s), or what the server's {@code Retry-After}
 * asks for when it names a number of seconds (capped at 60 s).
 */
public record Backoff(int retries, Duration first) {

    private static final Duration MAX_DELAY = Duration.ofSeconds(30);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    public static final Backoff DEFAULT = new Backoff(5, Duration.ofSeconds(1));

    /** The wait before retry number {@code retry} (1 for the first). */
    public Duration delay(int retry, Optional<String> retryAfter) {
        Optional<Duration> asked = retryAfter.flatMap(Backoff::seconds);
        if (asked.isPresent()) {
            return asked.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked.get();
        }
        Duration delay = first.multipliedBy(1L << Math.min(retry - 1, 20));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long s = Long.parseLong(value.trim());
            return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: use our own backoff
        }
    }
}
