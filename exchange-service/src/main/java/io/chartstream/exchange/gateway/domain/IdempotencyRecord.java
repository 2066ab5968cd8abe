package io.chartstream.exchange.gateway.domain;

import java.time.Instant;

/** What the gateway remembers of an {@code Idempotency-Key}: the request's fingerprint and, once known, the answer. */
public record IdempotencyRecord(String requestHash, StoredResponse response, Instant claimedAt) {}
