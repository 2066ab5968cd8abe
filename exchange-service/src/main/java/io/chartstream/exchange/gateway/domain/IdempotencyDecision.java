package io.chartstream.exchange.gateway.domain;

/** What to do with a request that carries an {@code Idempotency-Key}. */
public sealed interface IdempotencyDecision {

    /** First time (or the first attempt was abandoned): call the owner. */
    record Execute() implements IdempotencyDecision {}

    /** Seen and answered: return the stored answer, do not call the owner again. */
    record Replay(StoredResponse response) implements IdempotencyDecision {}

    /** The key was used for a different request: 422. */
    record Mismatch() implements IdempotencyDecision {}

    /** The first attempt is still running: 409, try again shortly. */
    record InProgress() implements IdempotencyDecision {}
}
