package io.chartstream.exchange.subscription.application;

import io.chartstream.eventsourcing.tracing.TraceContext;
import io.chartstream.exchange.audit.domain.AuditEntry;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.subscription.domain.DeliveryAttempt;
import io.chartstream.exchange.subscription.domain.FeedItem;
import io.chartstream.exchange.subscription.infrastructure.DeliveryTable;
import io.chartstream.exchange.subscription.infrastructure.FeedLog;
import io.chartstream.exchange.subscription.infrastructure.WebhookConfig;
import io.chartstream.exchange.subscription.infrastructure.WebhookSender;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Delivers each organization's feed to its webhook as signed FHIR notifications, in order
 * ({@link OrderedDelivery}): event n+1 is sent only after the receiver acknowledged n with a 2xx.
 */
@ApplicationScoped
public class WebhookDispatcher implements DeliveryChannel<byte[]> {

    private static final long LEADER_LOCK = 0x776562686f6f6bL; // "webhook"

    private final DataSource dataSource;
    private final FeedLog feed;
    private final Notifications notifications;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final AuditAppender audit;
    private final DeliveryTable deliveries;
    private OrderedDelivery<byte[]> delivery;

    public WebhookDispatcher(
            DataSource dataSource,
            FeedLog feed,
            Notifications notifications,
            WebhookSender sender,
            WebhookConfig config,
            AuditAppender audit) {
        this.dataSource = dataSource;
        this.feed = feed;
        this.notifications = notifications;
        this.sender = sender;
        this.config = config;
        this.audit = audit;
        this.deliveries = DeliveryTable.webhooks(dataSource);
    }

    void onStart(@Observes StartupEvent start, MeterRegistry meters) {
        if (!config.enabled()) {
            return;
        }
        delivery = new OrderedDelivery<>(dataSource, deliveries, feed, this, config, audit, LEADER_LOCK);
        delivery.start(
                meters,
                "chartstream.webhook.subscriptions.in.error",
                "webhook subscriptions whose receiver has failed longer than chartstream.webhooks.error-after");
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (delivery != null) {
            delivery.stop();
        }
    }

    /** Where each organization's webhook delivery stands. */
    public DeliveryTable deliveries() {
        return deliveries;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public AuditEntry audited(String organization, FeedItem item, Instant at) {
        return ChannelEntries.webhookNotification(
                organization, item.eventNumber(), item.personId(), item.change(), item.reference(), at);
    }

    /** The signed notification's body: built only from stored data, so a retry sends the same bytes. */
    @Override
    public Optional<byte[]> prepare(DeliveryTable.Target target, FeedItem item) {
        return Optional.of(notifications.encode(notifications.bundle(
                target.organization(), "event-notification", item.eventNumber(), List.of(item), config.fhirBase())));
    }

    @Override
    public DeliveryAttempt send(DeliveryTable.Target target, FeedItem item, byte[] body) {
        String org = target.organization();
        String traceparent = TraceContext.currentTraceparent(); // this delivery's span, in the write's trace
        return sender.send(target.address(), target.secret(), org, item.eventNumber(), traceparent, body);
    }
}
