package io.chartstream.exchange.subscription.application;

import io.chartstream.eventsourcing.leader.NotifiedLeaderLoop;
import io.chartstream.eventsourcing.tracing.TraceContext;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.subscription.domain.DeliveryCursor;
import io.chartstream.exchange.subscription.domain.FeedItem;
import io.chartstream.exchange.subscription.domain.RetrySchedule;
import io.chartstream.exchange.subscription.infrastructure.DeliveryTable;
import io.chartstream.exchange.subscription.infrastructure.FeedLog;
import io.chartstream.exchange.subscription.infrastructure.WebhookConfig;
import io.chartstream.exchange.subscription.infrastructure.WebhookSender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Delivers each organization's feed to its webhook, in order, from the ViewChanged events in
 * the event store: event n+1 is sent only after the receiver acknowledged n with a 2xx. The
 * cursor lives in {@code webhook_delivery}, so a restart resumes where delivery stood and a
 * receiver that is down gets its backlog, in order, when it is back (retries back off per
 * {@link RetrySchedule}). Wakes on the outbox's NOTIFY (every appended event commits with one),
 * so a change reaches the receiver without waiting for a poll. One dispatcher per database
 * delivers ({@link NotifiedLeaderLoop} elects it); organizations are delivered to in parallel.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final long LEADER_LOCK = 0x776562686f6f6bL; // "webhook"
    private static final int BATCH = 100;

    private final DataSource dataSource;
    private final DeliveryTable deliveries;
    private final FeedLog feed;
    private final Notifications notifications;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final AuditAppender audit;
    private final RetrySchedule schedule;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ExecutorService workers;
    private volatile boolean running;
    private NotifiedLeaderLoop loop;

    public WebhookDispatcher(
            DataSource dataSource,
            DeliveryTable deliveries,
            FeedLog feed,
            Notifications notifications,
            WebhookSender sender,
            WebhookConfig config,
            AuditAppender audit) {
        this.dataSource = dataSource;
        this.deliveries = deliveries;
        this.feed = feed;
        this.notifications = notifications;
        this.sender = sender;
        this.config = config;
        this.audit = audit;
        this.schedule = new RetrySchedule(config.initialBackoff(), config.maxBackoff());
    }

    void onStart(@Observes StartupEvent start, MeterRegistry meters) {
        if (!config.enabled()) {
            return;
        }
        Gauge.builder("chartstream.webhook.subscriptions.in.error", deliveries, d -> d.inError(config.errorAfter()))
                .description(
                        "webhook subscriptions whose receiver has failed longer than chartstream.webhooks.error-after")
                .register(meters);
        running = true;
        workers = Executors.newFixedThreadPool(config.parallelism(), r -> {
            Thread t = new Thread(r, "webhook-delivery");
            t.setDaemon(true);
            return t;
        });
        loop = new NotifiedLeaderLoop(dataSource, LEADER_LOCK, "es_outbox", "webhook-dispatcher", this::round);
        loop.start();
    }

    void onStop(@Observes ShutdownEvent stop) {
        running = false;
        if (loop != null) {
            loop.close(); // it waits at most 500 ms on the database, then lets go of its connection
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** One round: schedule what is due; while deliveries run, look again soon (one may finish just after a commit). */
    private int round() throws Exception {
        scheduleDue();
        return inFlight.isEmpty() ? 500 : 50;
    }

    private void scheduleDue() throws Exception {
        for (String org : deliveries.due(Instant.now())) {
            if (inFlight.add(org)) {
                workers.submit(() -> {
                    try {
                        deliverBacklog(org);
                    } catch (Exception e) {
                        LOG.warnf("webhook delivery to %s stopped: %s", org, e.toString());
                    } finally {
                        inFlight.remove(org);
                    }
                });
            }
        }
    }

    /** Delivers the organization's pending notifications in order until done or its receiver fails. */
    void deliverBacklog(String org) throws Exception {
        while (running) {
            Optional<DeliveryTable.Target> target = deliveries.target(org);
            if (target.isEmpty() || !target.get().cursor().isDue(Instant.now())) {
                return;
            }
            DeliveryCursor cursor = target.get().cursor();
            List<FeedItem> batch = feed.after(org, cursor.delivered(), BATCH);
            if (batch.isEmpty()) {
                return;
            }
            for (FeedItem item : batch) {
                cursor = deliver(target.get(), cursor, item);
                if (cursor.failedAttempts() > 0 || !running) {
                    return;
                }
            }
        }
    }

    /** One notification, one attempt; the cursor after it, saved. */
    private DeliveryCursor deliver(DeliveryTable.Target target, DeliveryCursor cursor, FeedItem item) throws Exception {
        String org = target.organization();
        byte[] body = notifications.encode(
                notifications.bundle(org, "event-notification", item.eventNumber(), List.of(item), config.fhirBase()));
        // audited before it leaves: each notification once, whatever the attempts
        audit.append(List.of(ChannelEntries.webhookNotification(
                org, item.eventNumber(), item.personId(), item.change(), item.reference(), Instant.now())));
        WebhookSender.Result result;
        try (Scope trace = TraceContext.continueTrace(item.traceparent(), "webhook " + org, SpanKind.CLIENT)) {
            String traceparent = TraceContext.currentTraceparent(); // this delivery's span, in the write's trace
            result = sender.send(target.url(), target.secret(), org, item.eventNumber(), traceparent, body);
        }
        Instant now = Instant.now();
        DeliveryCursor after =
                result.acknowledged() ? cursor.acknowledged(item.eventNumber(), now) : cursor.failed(now, schedule);
        deliveries.save(org, after, result.status(), result.error());
        if (after.inError(now, config.errorAfter()) && !cursor.inError(now, config.errorAfter())) {
            LOG.errorf(
                    "webhook subscription of %s is in error: its receiver has failed since %s (last: %s); delivery"
                            + " keeps retrying every %s and resumes at event %d once it answers",
                    org, after.failingSince(), result.error(), config.maxBackoff(), after.next());
        } else if (result.acknowledged() && cursor.inError(now, config.errorAfter())) {
            LOG.infof("webhook subscription of %s is back: event %d acknowledged", org, item.eventNumber());
        }
        if (!result.acknowledged()) {
            LOG.infof(
                    "webhook of %s refused event %d (%s); attempt %d, next at %s",
                    org, item.eventNumber(), result.error(), after.failedAttempts(), after.nextAttemptAt());
        }
        return after;
    }
}
