package io.chartstream.exchange.subscription.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One ViewChanged event of an organization's feed, as notifications need it: whose record
 * ({@code personId}) and which resource ({@code reference}, {@code Type/id}) it carries.
 */
public record FeedItem(
        long eventNumber,
        UUID eventId,
        Instant recordedAt,
        String change,
        String resourceJson,
        UUID personId,
        String reference) {}
