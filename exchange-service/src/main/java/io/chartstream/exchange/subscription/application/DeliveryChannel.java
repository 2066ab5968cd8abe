package io.chartstream.exchange.subscription.application;

import io.chartstream.exchange.audit.domain.AuditEntry;
import io.chartstream.exchange.subscription.domain.DeliveryAttempt;
import io.chartstream.exchange.subscription.domain.FeedItem;
import io.chartstream.exchange.subscription.domain.Unsendable;
import io.chartstream.exchange.subscription.infrastructure.DeliveryTable;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * One way an organization's feed leaves the exchange (its webhook, HL7 v2 over MLLP), as
 * {@link OrderedDelivery} drives it: each feed event is prepared as the channel's message
 * {@code M}, audited, then sent.
 */
public interface DeliveryChannel<M> {

    /** For logs, metrics and thread names: {@code webhook}, {@code hl7-feed}. */
    String name();

    /**
     * What goes to the target for {@code item}, built anew for every attempt; empty when the event
     * does not go over this channel (passed over: neither sent nor audited).
     *
     * @throws Unsendable when it never can: passed over with an ERROR and counted, so that one
     *     event does not stop the organization's feed (the Kafka feed and {@code $events} still have it)
     * @throws SQLException when what it needs cannot be read now: tried again
     */
    Optional<M> prepare(DeliveryTable.Target target, FeedItem item) throws SQLException;

    /** The audit record of sending {@code item} to the organization: one per item, whatever the attempts. */
    AuditEntry audited(String organization, FeedItem item, Instant at);

    /** Sends the prepared message once; never throws (a failure is an attempt not acknowledged). */
    DeliveryAttempt send(DeliveryTable.Target target, FeedItem item, M message);
}
