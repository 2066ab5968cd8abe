package io.chartstream.exchange.subscription.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryCursorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final RetrySchedule SCHEDULE = new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void newSubscriptionStartsAtEventOneAndIsDue() {
        DeliveryCursor cursor = DeliveryCursor.start();
        assertEquals(1, cursor.next());
        assertTrue(cursor.isDue(NOW));
    }

    @Test
    void acknowledgementMovesToTheNextEventAndClearsFailures() {
        DeliveryCursor cursor = DeliveryCursor.start().failed(NOW, SCHEDULE).acknowledged(1, NOW.plusSeconds(2));
        assertEquals(2, cursor.next());
        assertEquals(0, cursor.failedAttempts());
    }

    @Test
    void failuresKeepTheSameEventAndBackOff() {
        DeliveryCursor once = DeliveryCursor.start().failed(NOW, SCHEDULE);
        DeliveryCursor twice = once.failed(NOW.plusSeconds(1), SCHEDULE);
        assertEquals(1, twice.next());
        assertEquals(2, twice.failedAttempts());
        assertEquals(NOW.plusSeconds(3), twice.nextAttemptAt());
        assertFalse(twice.isDue(NOW.plusSeconds(2)));
        assertTrue(twice.isDue(NOW.plusSeconds(3)));
    }

    @Test
    void eventCannotBeAcknowledgedOutOfOrder() {
        assertThrows(IllegalStateException.class, () -> DeliveryCursor.start().acknowledged(2, NOW));
    }

    @Test
    void aReceiverFailingLongerThanAllowedPutsTheSubscriptionInErrorUntilItAcknowledges() {
        Duration errorAfter = Duration.ofMinutes(10);
        // given a receiver that first failed at NOW and keeps failing
        DeliveryCursor failing = DeliveryCursor.start().failed(NOW, SCHEDULE).failed(NOW.plusSeconds(60), SCHEDULE);
        // then it is failing since its first failure, not its last
        assertEquals(NOW, failing.failingSince());
        assertFalse(failing.inError(NOW.plus(Duration.ofMinutes(9)), errorAfter));
        // when ten minutes have passed, it is in error
        assertTrue(failing.inError(NOW.plus(errorAfter), errorAfter));
        // when it acknowledges again, delivery resumes from where it stopped and the error clears
        DeliveryCursor back = failing.acknowledged(1, NOW.plus(Duration.ofMinutes(12)));
        assertEquals(2, back.next());
        assertFalse(back.inError(NOW.plus(Duration.ofHours(1)), errorAfter));
    }
}
