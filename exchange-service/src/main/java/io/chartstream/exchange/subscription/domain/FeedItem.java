package io.chartstream.exchange.subscription.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One ViewChanged event of an organization's feed, as notifications need it: whose record
 * ({@code personId}) and which resource ({@code reference}, {@code Type/id}) it carries, and the
 * W3C trace of the write it came from ({@code traceparent}, null when none was traced).
 */
public record FeedItem(
        long eventNumber,
        UUID eventId,
        Instant recordedAt,
        String change,
        String resourceJson,
        UUID personId,
        String reference,
        String traceparent) {}
