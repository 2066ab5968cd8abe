package io.chartstream.loader.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    @Test
    void waitsDoubleUpToThirtySeconds() {
        Backoff backoff = Backoff.DEFAULT;

        assertEquals(Duration.ofSeconds(1), backoff.delay(1, Optional.empty()));
        assertEquals(Duration.ofSeconds(2), backoff.delay(2, Optional.empty()));
        assertEquals(Duration.ofSeconds(16), backoff.delay(5, Optional.empty()));
        assertEquals(Duration.ofSeconds(30), backoff.delay(6, Optional.empty()));
    }

    @Test
    void retryAfterInSecondsIsHonouredUpToAMinute() {
        assertEquals(Duration.ofSeconds(5), Backoff.DEFAULT.delay(1, Optional.of("5")));
        assertEquals(Duration.ofSeconds(60), Backoff.DEFAULT.delay(1, Optional.of("3600")));
        assertEquals(Duration.ofSeconds(2), Backoff.DEFAULT.delay(2, Optional.of("Wed, 21 Oct 2026 07:28:00 GMT")));
    }
}
