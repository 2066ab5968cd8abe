package io.chartstream.exchange.subscription.domain;

import java.time.Instant;

/**
 * Where one organization's webhook delivery stands: the last event number its receiver
 * acknowledged, and after failures when to try the next one again. Deliveries are strictly in
 * order: only {@code delivered + 1} may be sent, and only an acknowledgement moves the cursor.
 */
public record DeliveryCursor(long delivered, int failedAttempts, Instant nextAttemptAt) {

    public static DeliveryCursor start() {
        return new DeliveryCursor(0, 0, Instant.EPOCH);
    }

    public long next() {
        return delivered + 1;
    }

    public boolean isDue(Instant now) {
        return !now.isBefore(nextAttemptAt);
    }

    public DeliveryCursor acknowledged(long eventNumber, Instant now) {
        if (eventNumber != next()) {
            throw new IllegalStateException("acknowledged " + eventNumber + " but " + next() + " is next");
        }
        return new DeliveryCursor(eventNumber, 0, now);
    }

    public DeliveryCursor failed(Instant now, RetrySchedule schedule) {
        int attempts = failedAttempts + 1;
        return new DeliveryCursor(delivered, attempts, now.plus(schedule.delayAfter(attempts)));
    }
}
