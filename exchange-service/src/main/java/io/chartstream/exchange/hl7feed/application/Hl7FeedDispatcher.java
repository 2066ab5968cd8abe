package io.chartstream.exchange.hl7feed.application;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.audit.domain.AuditEntry;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.hl7feed.domain.Hl7Endpoint;
import io.chartstream.exchange.hl7feed.infrastructure.Hl7FeedMessages;
import io.chartstream.exchange.hl7feed.infrastructure.MllpSender;
import io.chartstream.exchange.subscription.application.DeliveryChannel;
import io.chartstream.exchange.subscription.application.OrderedDelivery;
import io.chartstream.exchange.subscription.domain.DeliveryAttempt;
import io.chartstream.exchange.subscription.domain.FeedItem;
import io.chartstream.exchange.subscription.infrastructure.DeliveryTable;
import io.chartstream.exchange.subscription.infrastructure.FeedLog;
import io.chartstream.exchange.subscription.infrastructure.WebhookConfig;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hl7.fhir.r4.model.Patient;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sends each organization that asked for it its feed as HL7 v2 over MLLP (issue 13 part 5):
 * results as ORU^R01, encounters as ADT ({@link Hl7FeedMessages}), in feed order, each only after
 * the receiver acknowledged the one before with AA ({@link OrderedDelivery}, the webhooks' retry
 * schedule and error threshold, {@code chartstream.webhooks.*}). Feed events HL7 v2 does not carry
 * are passed over. Every message is audited before it leaves.
 */
@ApplicationScoped
public class Hl7FeedDispatcher implements DeliveryChannel<String> {

    private static final long LEADER_LOCK = 0x686c37666565L; // "hl7fee"

    private final DataSource dataSource;
    private final FeedLog feed;
    private final OrgViews views;
    private final MllpSender sender;
    private final WebhookConfig config;
    private final AuditAppender audit;
    private final Hl7FeedMessages messages;
    private final FhirContext fhir;
    private final DeliveryTable deliveries;
    private OrderedDelivery<String> delivery;

    public Hl7FeedDispatcher(
            DataSource dataSource,
            FeedLog feed,
            OrgViews views,
            MllpSender sender,
            WebhookConfig config,
            AuditAppender audit,
            FhirContext fhir) {
        this.dataSource = dataSource;
        this.feed = feed;
        this.views = views;
        this.sender = sender;
        this.config = config;
        this.audit = audit;
        this.fhir = fhir;
        this.messages = new Hl7FeedMessages(fhir);
        this.deliveries = DeliveryTable.hl7Feeds(dataSource);
    }

    void onStart(@Observes StartupEvent start, MeterRegistry meters) {
        if (!config.enabled()) {
            return;
        }
        delivery = new OrderedDelivery<>(dataSource, deliveries, feed, this, config, audit, LEADER_LOCK);
        delivery.start(
                meters,
                "chartstream.hl7.feeds.in.error",
                "HL7 v2 feeds whose receiver has failed longer than chartstream.webhooks.error-after");
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (delivery != null) {
            delivery.stop();
        }
    }

    /** Where each organization's HL7 v2 delivery stands. */
    public DeliveryTable deliveries() {
        return deliveries;
    }

    @Override
    public String name() {
        return "hl7-feed";
    }

    /** The message (ER7) with PID as the organization's view shows the person now; empty for what HL7 v2 does not carry. */
    @Override
    public Optional<String> prepare(DeliveryTable.Target target, FeedItem item) throws SQLException {
        if (!Hl7FeedMessages.carries(item)) {
            return Optional.empty();
        }
        return messages.message(target.organization(), item, patient(target, item));
    }

    @Override
    public AuditEntry audited(String organization, FeedItem item, Instant at) {
        return ChannelEntries.hl7FeedMessage(
                organization, item.eventNumber(), item.personId(), item.change(), item.reference(), at);
    }

    @Override
    public DeliveryAttempt send(DeliveryTable.Target target, FeedItem item, String message) {
        return sender.send(Hl7Endpoint.parse(target.address()), message);
    }

    /** The person as the organization's view shows them now (PID), or null when it shows no Patient. */
    private Patient patient(DeliveryTable.Target target, FeedItem item) throws SQLException {
        List<OrgViews.ViewResource> found =
                views.resources(target.organization(), item.personId(), List.of("Patient"), null, 1);
        return found.isEmpty()
                ? null
                : fhir.newJsonParser().parseResource(Patient.class, found.get(0).json());
    }
}
