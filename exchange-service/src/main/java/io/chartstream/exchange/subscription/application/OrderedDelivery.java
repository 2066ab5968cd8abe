package io.chartstream.exchange.subscription.application;

import io.chartstream.eventsourcing.leader.NotifiedLeaderLoop;
import io.chartstream.eventsourcing.tracing.TraceContext;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.subscription.domain.DeliveryAttempt;
import io.chartstream.exchange.subscription.domain.DeliveryCursor;
import io.chartstream.exchange.subscription.domain.FeedItem;
import io.chartstream.exchange.subscription.domain.RetrySchedule;
import io.chartstream.exchange.subscription.domain.Unsendable;
import io.chartstream.exchange.subscription.infrastructure.DeliveryTable;
import io.chartstream.exchange.subscription.infrastructure.FeedLog;
import io.chartstream.exchange.subscription.infrastructure.WebhookConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
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
 * Delivers each organization's feed over one {@link DeliveryChannel}, in order, from the
 * ViewChanged events in the event store: event n+1 is sent only after the receiver acknowledged
 * n. The cursor lives in the channel's {@link DeliveryTable}, so a restart resumes where delivery
 * stood and a receiver that is down gets its backlog, in order, when it is back (retries back off
 * per {@link RetrySchedule}). Wakes on the outbox's NOTIFY (every appended event commits with
 * one), so a change reaches the receiver without waiting for a poll. One replica per database
 * delivers ({@link NotifiedLeaderLoop} elects it, one lock per channel); organizations are
 * delivered to in parallel.
 */
public final class OrderedDelivery<M> {

    private static final Logger LOG = Logger.getLogger(OrderedDelivery.class);
    private static final int BATCH = 100;

    private final DataSource dataSource;
    private final DeliveryTable deliveries;
    private final FeedLog feed;
    private final DeliveryChannel<M> channel;
    private final WebhookConfig config;
    private final AuditAppender audit;
    private final long leaderLock;
    private final RetrySchedule schedule;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ExecutorService workers;
    private volatile boolean running;
    private NotifiedLeaderLoop loop;
    private Counter unsendable;

    public OrderedDelivery(
            DataSource dataSource,
            DeliveryTable deliveries,
            FeedLog feed,
            DeliveryChannel<M> channel,
            WebhookConfig config,
            AuditAppender audit,
            long leaderLock) {
        this.dataSource = dataSource;
        this.deliveries = deliveries;
        this.feed = feed;
        this.channel = channel;
        this.config = config;
        this.audit = audit;
        this.leaderLock = leaderLock;
        this.schedule = new RetrySchedule(config.initialBackoff(), config.maxBackoff());
    }

    /**
     * Starts delivering, with the gauge {@code inErrorGauge}: how many organizations' receivers have
     * failed longer than {@code chartstream.webhooks.error-after}, for the HIE's alert.
     */
    public void start(MeterRegistry meters, String inErrorGauge, String description) {
        Gauge.builder(inErrorGauge, deliveries, d -> d.inError(config.errorAfter()))
                .description(description)
                .register(meters);
        unsendable = Counter.builder("chartstream.feed.delivery.unsendable")
                .tag("channel", channel.name())
                .description("feed events a delivery channel could not convert and passed over")
                .register(meters);
        running = true;
        workers = Executors.newFixedThreadPool(config.parallelism(), r -> {
            Thread t = new Thread(r, channel.name() + "-delivery");
            t.setDaemon(true);
            return t;
        });
        loop = new NotifiedLeaderLoop(dataSource, leaderLock, "es_outbox", channel.name() + "-dispatcher", this::round);
        loop.start();
    }

    public void stop() {
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
                        LOG.warnf("%s delivery to %s stopped: %s", channel.name(), org, e.toString());
                    } finally {
                        inFlight.remove(org);
                    }
                });
            }
        }
    }

    /** Delivers the organization's pending feed events in order until done or its receiver fails. */
    private void deliverBacklog(String org) throws Exception {
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
            DeliveryCursor unsaved = null; // events passed over since the last save: saved once, not each
            boolean stop = false;
            for (FeedItem item : batch) {
                Step step = deliver(target.get(), cursor, item);
                cursor = step.cursor();
                unsaved = step.saved() ? null : cursor;
                if (cursor.failedAttempts() > 0 || !running) {
                    stop = true;
                    break;
                }
            }
            if (unsaved != null) {
                deliveries.save(org, unsaved, null, null);
            }
            if (stop) {
                return;
            }
        }
    }

    /** The cursor after one feed event, and whether it is saved already. */
    private record Step(DeliveryCursor cursor, boolean saved) {}

    /** Passed over: saved at once when there is something to say ({@code why}), else with the next save. */
    private Step passOver(String org, DeliveryCursor cursor, FeedItem item, String why) throws Exception {
        DeliveryCursor passed = cursor.acknowledged(item.eventNumber(), Instant.now());
        if (why == null) {
            return new Step(passed, false);
        }
        deliveries.save(org, passed, null, why);
        return new Step(passed, true);
    }

    /** One feed event, one attempt; the cursor after it. */
    private Step deliver(DeliveryTable.Target target, DeliveryCursor cursor, FeedItem item) throws Exception {
        String org = target.organization();
        Optional<M> message;
        try {
            message = channel.prepare(target, item);
        } catch (Unsendable e) {
            LOG.errorf(
                    "%s: feed event %d of %s cannot be sent (%s); passed over, so that the feed goes on"
                            + " (the Kafka feed and $events still have it)",
                    channel.name(), item.eventNumber(), org, e.getMessage());
            unsendable.increment();
            return passOver(org, cursor, item, "passed over: " + e.getMessage());
        }
        if (message.isEmpty()) {
            return passOver(org, cursor, item, null);
        }
        // audited before it leaves: each feed event once, whatever the attempts
        audit.append(List.of(channel.audited(org, item, Instant.now())));
        DeliveryAttempt result;
        try (Scope trace =
                TraceContext.continueTrace(item.traceparent(), channel.name() + " " + org, SpanKind.CLIENT)) {
            result = channel.send(target, item, message.get());
        }
        Instant now = Instant.now();
        DeliveryCursor after =
                result.acknowledged() ? cursor.acknowledged(item.eventNumber(), now) : cursor.failed(now, schedule);
        deliveries.save(org, after, result.status(), result.error());
        if (after.inError(now, config.errorAfter()) && !cursor.inError(now, config.errorAfter())) {
            LOG.errorf(
                    "%s delivery to %s is in error: its receiver has failed since %s (last: %s); delivery"
                            + " keeps retrying every %s and resumes at event %d once it answers",
                    channel.name(), org, after.failingSince(), result.error(), config.maxBackoff(), after.next());
        } else if (result.acknowledged() && cursor.inError(now, config.errorAfter())) {
            LOG.infof("%s delivery to %s is back: event %d acknowledged", channel.name(), org, item.eventNumber());
        }
        if (!result.acknowledged()) {
            LOG.infof(
                    "%s receiver of %s refused event %d (%s); attempt %d, next at %s",
                    channel.name(),
                    org,
                    item.eventNumber(),
                    result.error(),
                    after.failedAttempts(),
                    after.nextAttemptAt());
        }
        return new Step(after, true);
    }
}
