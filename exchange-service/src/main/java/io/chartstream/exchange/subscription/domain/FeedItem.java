package io.chartstream.exchange.subscription.domain;

import java.time.Instant;
import java.util.UUID;

/** One ViewChanged event of an organization's feed, as notifications need it. */
public record FeedItem(long eventNumber, UUID eventId, Instant recordedAt, String change, String resourceJson) {}
