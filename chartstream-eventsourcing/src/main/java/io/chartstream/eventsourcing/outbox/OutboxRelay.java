package io.chartstream.eventsourcing.outbox;

import io.chartstream.eventsourcing.cloudevents.ChartStreamCloudEvents;
import io.chartstream.eventsourcing.leader.NotifiedLeaderLoop;
import io.chartstream.eventsourcing.tracing.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed events from the outbox table to Kafka, in position order, and deletes
 * each outbox row only after the broker acknowledged it (idempotent producer, acks=all).
 *
 * <p>Why an outbox row per event rather than a cursor over positions: positions come from a
 * sequence when a row is inserted, but transactions commit in their own order, so position 11
 * can become visible before position 10. A relay reading "after the highest position I
 * published" would skip 10 forever. Reading the outbox table instead sees every row as soon as
 * its transaction commits, whatever its position; the outbox is the durable cursor. A crash
 * after publishing and before deleting publishes again: consumers deduplicate by event id.
 *
 * <p>Wake-up: a statement trigger on the outbox NOTIFYs at commit; the relay LISTENs, so
 * commit-to-Kafka latency does not wait on a poll interval (a slow poll remains as a safety net).
 * Only one relay per database publishes: a session advisory lock elects it, so a second
 * replica of a service stands by and takes over when the first dies.
 *
 * <p>Parking: a row Kafka refuses for good (larger than the message size, an invalid topic) is
 * moved to {@link ParkedRows} instead of being retried forever, so no one else's events wait
 * behind it; later rows of its order key (the Kafka key) stay in the outbox until it is redriven,
 * so each person's events keep their order.
 */
public class OutboxRelay implements AutoCloseable {

    private static final long LEADER_LOCK = 0x6368617274L; // "chart"
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final RelayClients clients;
    private final String topic;
    private final String source;
    private final Duration safetyPoll;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong lastPublishedPosition = new AtomicLong();
    private final AtomicLong producersReplaced = new AtomicLong();
    private final NotifiedLeaderLoop loop;
    private final AckedRows ackedRows;
    private final ParkedRows parkedRows;
    private final ProducerFailures failures = new ProducerFailures();
    private final ServedTopics servedTopics;
    private volatile Producer<String, byte[]> producer;

    public OutboxRelay(DataSource dataSource, RelayClients clients, String topic, String source) {
        this(dataSource, clients, topic, source, Duration.ofMillis(500));
    }

    public OutboxRelay(DataSource dataSource, RelayClients clients, String topic, String source, Duration safetyPoll) {
        this.dataSource = dataSource;
        this.clients = clients;
        this.topic = topic;
        this.source = source;
        this.safetyPoll = safetyPoll;
        this.ackedRows = new AckedRows(dataSource, "outbox-relay-" + topic);
        this.parkedRows = new ParkedRows(dataSource);
        this.servedTopics = new ServedTopics(clients.admins());
        this.loop =
                new NotifiedLeaderLoop(dataSource, LEADER_LOCK, "es_outbox", "outbox-relay-" + topic, this::drainAll);
    }

    public void start() {
        loop.start();
    }

    public long publishedCount() {
        return published.get();
    }

    /** How many times the relay closed its Kafka producer and made a new one (§45). */
    public long producersReplaced() {
        return producersReplaced.get();
    }

    public long lastPublishedPosition() {
        return lastPublishedPosition.get();
    }

    /** The rows Kafka refused for good, and their redrive. */
    public ParkedRows parked() {
        return parkedRows;
    }

    public boolean isLeader() {
        return loop.isLeader();
    }

    /** Rows still waiting for Kafka: the relay's backlog. */
    public long pending() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from es_outbox")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * Seconds since the oldest event still waiting for Kafka was recorded (0 when none waits): how
     * stale the views may be. While Kafka is away this grows; the service stays ready.
     */
    public double oldestPendingSeconds() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(extract(epoch from now() - e.recorded_at), 0)"
                        + " from (select min(position) as position from es_outbox) o"
                        + " left join es_event e on e.position = o.position")) {
            rs.next();
            return rs.getDouble(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private int drainAll() throws Exception {
        while (loop.isRunning() && drainOnce() == BATCH) {
            // a full batch: more may be waiting, go again without waiting
        }
        return (int) safetyPoll.toMillis();
    }

    /**
     * Publishes up to one batch of visible outbox rows; returns how many it took off the outbox.
     * A row Kafka refuses for good ({@link #unpublishable}) is parked and the rest of the batch
     * goes on; the later rows of its order key in the batch stay in the outbox, behind it. Rows
     * for a topic not served yet ({@link ServedTopics}) wait for the next drain, with their keys'
     * later rows. When a send fails otherwise, the rows acknowledged before any failure of their
     * key are still deleted, and the failure is rethrown: the rest go again on the next drain,
     * with a new producer if this one cannot recover ({@link ProducerFailures}).
     */
    int drainOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<Pending> batch = Pending.read(c, ackedRows.inFlight(), BATCH);
            if (batch.isEmpty()) {
                return 0;
            }
            Producer<String, byte[]> producer = producer();
            Set<String> held = new HashSet<>();
            Set<String> unserved = new HashSet<>();
            List<Sent> sent = new ArrayList<>(batch.size());
            int parked = 0;
            Exception failure = null;
            for (Pending p : batch) {
                if (held.contains(p.orderKey())) {
                    continue; // waits behind a row parked or not sent in this batch
                }
                String destination = p.topic() == null ? topic : p.topic();
                if (unserved.contains(destination)) {
                    held.add(p.orderKey());
                    continue;
                }
                try {
                    if (!servedTopics.served(destination, producer)) {
                        unserved.add(destination); // asked again on the next drain
                        held.add(p.orderKey());
                        continue;
                    }
                } catch (RuntimeException refused) {
                    failure = new ProducerFailures.RefusedSend(refused); // a closed producer
                    break;
                }
                Span span = TraceContext.startSpan(
                        p.event().metadata().traceparent(), "publish " + destination, SpanKind.PRODUCER);
                Future<RecordMetadata> ack;
                try {
                    ack = producer.send(ChartStreamCloudEvents.toProducerRecord(destination, p.event(), source));
                } catch (RuntimeException refused) {
                    // send() itself throws only when the producer takes nothing any more (closed, or
                    // its fatal error state); what went before still gets its acks below
                    span.setStatus(StatusCode.ERROR, refused.toString()).end();
                    failure = new ProducerFailures.RefusedSend(refused);
                    break;
                }
                // The producer refuses a record over its max.request.size at send(): the future is
                // already failed, so this row is parked before any later row of its key is sent.
                Optional<String> refused = ack.isDone() ? unpublishable(ack) : Optional.empty();
                if (refused.isPresent()) {
                    span.setStatus(StatusCode.ERROR, refused.get()).end();
                    park(p, refused.get());
                    held.add(p.orderKey());
                    parked++;
                } else {
                    sent.add(new Sent(p, destination, ack, span));
                }
            }
            // No flush(): with linger 0 every send is already on its way.
            List<Long> positions = new ArrayList<>(sent.size());
            Set<String> failedKeys = new HashSet<>();
            for (Sent s : sent) {
                try {
                    s.ack().get();
                    s.span().end();
                    if (!failedKeys.contains(s.pending().orderKey())) {
                        positions.add(s.pending().event().position());
                    }
                } catch (ExecutionException e) {
                    s.span()
                            .setStatus(StatusCode.ERROR, String.valueOf(e.getCause()))
                            .end();
                    Optional<String> refused = reasonFor(e.getCause());
                    if (refused.isEmpty()) {
                        // retriable (broker away, leader moving): this row and its key's later ones
                        // stay and go again, in order
                        failedKeys.add(s.pending().orderKey());
                        servedTopics.forget(s.destination());
                        failure = failure == null ? e : failure;
                        continue;
                    }
                    // Refused by the broker after sending (its message size below the producer's):
                    // later rows of this key in the batch may already be out (docs/operations.md).
                    park(s.pending(), refused.get());
                    parked++;
                }
            }
            if (!positions.isEmpty()) {
                ackedRows.delete(positions);
                published.addAndGet(positions.size());
                lastPublishedPosition.set(positions.get(positions.size() - 1));
            }
            if (failure != null) {
                producerFailed(producer, failure);
                throw failure;
            }
            failures.succeeded();
            return positions.size() + parked;
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = clients.producers().get();
        }
        return producer;
    }

    /**
     * Closes the producer and makes a new one when it cannot recover ({@link ProducerFailures}).
     * The rows it did not get acknowledged are still in the outbox and go again through the new
     * one in position order; a record of the old one still on its way lands at most as a duplicate
     * of one the new one sends, never ahead of an earlier event of its key that was not sent.
     */
    private void producerFailed(Producer<String, byte[]> failed, Exception failure) {
        Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
        if (!failures.failed(cause)) {
            return;
        }
        LOG.warnf(
                "outbox relay to %s: the Kafka producer cannot publish any more (%s); closed it and made a new one,"
                        + " the events it did not get acknowledged go again in order",
                topic, cause);
        producer = null;
        producersReplaced.incrementAndGet();
        try {
            failed.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debugf("closing the failed producer: %s", e.toString());
        }
    }

    private void park(Pending p, String reason) throws SQLException {
        LOG.warnf(
                "outbox row %d (%s of %s) parked: %s; later events of %s wait behind it until it is redriven"
                        + " (POST /admin/outbox/parked/%d/redrive)",
                p.event().position(),
                p.event().type(),
                p.event().streamId(),
                reason,
                p.orderKey(),
                p.event().position());
        parkedRows.park(p.event().position(), reason);
    }

    private static Optional<String> unpublishable(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return Optional.empty();
        } catch (ExecutionException e) {
            return reasonFor(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Why Kafka will never take this record as it is; empty when trying again may succeed. */
    static Optional<String> reasonFor(Throwable failure) {
        if (failure instanceof RecordTooLargeException
                || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidTopicException
                || failure instanceof InvalidRecordException
                || failure instanceof SerializationException) {
            return Optional.of(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        return Optional.empty();
    }

    private record Sent(Pending pending, String destination, Future<RecordMetadata> ack, Span span) {}

    @Override
    public void close() {
        loop.close();
        ackedRows.close();
        servedTopics.close();
        Producer<String, byte[]> last = producer;
        if (last != null) {
            last.close(Duration.ofSeconds(5));
        }
    }
}
