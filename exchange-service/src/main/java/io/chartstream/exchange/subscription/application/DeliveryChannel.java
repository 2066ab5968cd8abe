package io.chartstream.exchange.subscription.application;

import io.chartstream.exchange.audit.domain.AuditEntry;
import io.chartstream.exchange.subscription.domain.DeliveryAttempt;
import io.chartstream.exchange.subscription.domain.FeedItem;
import io.chartstream.exchange.subscription.infrastructure.DeliveryTable;

import java.time.Instant;

/** One way an organization's feed leaves the exchange (its webhook, HL7 v2 over MLLP), as {@link OrderedDelivery} drives it. */
public interface DeliveryChannel {

    /** For logs, metrics and thread names: {@code webhook}, {@code hl7-feed}. */
    String name();

    /** Whether the event goes over this channel at all; one that does not is passed over, neither sent nor audited. */
    default boolean carries(FeedItem item) {
        return true;
    }

    /** The audit record of sending {@code item} to the organization: one per item, whatever the attempts. */
    AuditEntry audited(String organization, FeedItem item, Instant at);

    /** Sends one item to the target once; never throws (a failure is an attempt not acknowledged). */
    DeliveryAttempt send(DeliveryTable.Target target, FeedItem item);
}
