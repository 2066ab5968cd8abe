package io.chartstream.eventsourcing.outbox;

import io.chartstream.eventsourcing.cloudevents.ChartStreamCloudEvents;
import io.chartstream.eventsourcing.leader.NotifiedLeaderLoop;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String source;
    private final Duration safetyPoll;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong lastPublishedPosition = new AtomicLong();
    private final NotifiedLeaderLoop loop;
    private final AckedRows ackedRows;
    private final ParkedRows parkedRows;

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, String topic, String source) {
        this(dataSource, producer, topic, source, Duration.ofMillis(500));
    }

    public OutboxRelay(
            DataSource dataSource,
            Producer<String, byte[]> producer,
            String topic,
            String source,
            Duration safetyPoll) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.topic = topic;
        this.source = source;
        this.safetyPoll = safetyPoll;
        this.ackedRows = new AckedRows(dataSource, "outbox-relay-" + topic);
        this.parkedRows = new ParkedRows(dataSource);
        this.loop =
                new NotifiedLeaderLoop(dataSource, LEADER_LOCK, "es_outbox", "outbox-relay-" + topic, this::drainAll);
    }

    public void start() {
        loop.start();
    }

    public long publishedCount() {
        return published.get();
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
     * goes on; the later rows of its order key in the batch stay in the outbox, behind it.
     */
    int drainOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<Pending> batch = readBatch(c, ackedRows.inFlight());
            if (batch.isEmpty()) {
                return 0;
            }
            Set<String> held = new HashSet<>();
            List<Sent> sent = new ArrayList<>(batch.size());
            int parked = 0;
            for (Pending p : batch) {
                if (held.contains(p.orderKey())) {
                    continue; // waits behind a row parked in this batch
                }
                String destination = p.topic() == null ? topic : p.topic();
                Span span = TraceContext.startSpan(
                        p.event().metadata().traceparent(), "publish " + destination, SpanKind.PRODUCER);
                Future<RecordMetadata> ack =
                        producer.send(ChartStreamCloudEvents.toProducerRecord(destination, p.event(), source));
                // The producer refuses a record over its max.request.size at send(): the future is
                // already failed, so this row is parked before any later row of its key is sent.
                Optional<String> refused = ack.isDone() ? unpublishable(ack) : Optional.empty();
                if (refused.isPresent()) {
                    span.setStatus(StatusCode.ERROR, refused.get()).end();
                    park(p, refused.get());
                    held.add(p.orderKey());
                    parked++;
                } else {
                    sent.add(new Sent(p, ack, span));
                }
            }
            // No flush(): with linger 0 every send is already on its way, and the producer is shared
            // (dead letters), so flush() would also wait for other threads' records.
            List<Long> positions = new ArrayList<>(sent.size());
            for (Sent s : sent) {
                try {
                    s.ack().get();
                    s.span().end();
                    positions.add(s.pending().event().position());
                } catch (ExecutionException e) {
                    s.span()
                            .setStatus(StatusCode.ERROR, String.valueOf(e.getCause()))
                            .end();
                    Optional<String> refused = reasonFor(e.getCause());
                    if (refused.isEmpty()) {
                        throw e; // retriable (broker away, leader moving): the rows stay and go again
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
            return positions.size() + parked;
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

    private record Sent(Pending pending, Future<RecordMetadata> ack, Span span) {}

    private record Pending(RecordedEvent event, String topic) {
        String orderKey() {
            return event.subject() != null ? event.subject() : event.streamId();
        }
    }

    /**
     * Up to a batch of outbox rows in position order, leaving out those acknowledged but not
     * deleted yet. The outbox drives: each of its rows looks up its event by position (the
     * lateral subquery's {@code offset 0} keeps the planner from joining the other way round,
     * which scanned the whole event store on every round once the outbox's statistics said it
     * was large).
     */
    private List<Pending> readBatch(Connection c, Long[] acknowledged) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select e.position, e.stream_id, e.stream_version, e.event_id, e.event_type, e.subject,
                       e.data::text, e.metadata->>'correlationId', e.metadata->>'causationId',
                       e.metadata->>'actor', e.metadata->>'organization', e.recorded_at, o.topic,
                       e.metadata->>'traceparent'
                from es_outbox o
                cross join lateral (select * from es_event e where e.position = o.position offset 0) e
                where not (o.position = any(?)) and %s
                order by o.position limit ?
                """.formatted(ParkedRows.NOT_HELD))) {
            ps.setArray(1, c.createArrayOf("bigint", acknowledged));
            ps.setInt(2, BATCH);
            List<Pending> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Pending(
                            new RecordedEvent(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getLong(3),
                                    rs.getObject(4, UUID.class),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    new EventMetadata(
                                            rs.getString(8),
                                            rs.getString(9),
                                            rs.getString(10),
                                            rs.getString(11),
                                            rs.getString(14)),
                                    rs.getTimestamp(12).toInstant()),
                            rs.getString(13)));
                }
            }
            return events;
        }
    }

    @Override
    public void close() {
        loop.close();
        ackedRows.close();
    }
}
