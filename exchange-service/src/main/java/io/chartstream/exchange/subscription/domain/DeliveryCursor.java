package io.chartstream.exchange.subscription.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Where one organization's webhook delivery stands: the last event number its receiver
 * acknowledged, and after failures when to try the next one again. Deliveries are strictly in
 * order: only {@code delivered + 1} may be sent, and only an acknowledgement moves the cursor.
 * {@code failingSince} is when the receiver first failed without an acknowledgement since (null
 * while it answers): failing longer than the HIE allows puts the subscription in error.
 */
public record DeliveryCursor(long delivered, int failedAttempts, Instant nextAttemptAt, Instant failingSince) {

    public static DeliveryCursor start() {
        return new DeliveryCursor(0, 0, Instant.EPOCH, null);
    }

    /** The receiver has failed for at least {@code errorAfter}: the subscription is in error. */
    public boolean inError(Instant now, Duration errorAfter) {
        return failingSince != null && !now.isBefore(failingSince.plus(errorAfter));
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
        return new DeliveryCursor(eventNumber, 0, now, null);
    }

    public DeliveryCursor failed(Instant now, RetrySchedule schedule) {
        int attempts = failedAttempts + 1;
        return new DeliveryCursor(
                delivered,
                attempts,
                now.plus(schedule.delayAfter(attempts)),
                failingSince == null ? now : failingSince);
    }
}
