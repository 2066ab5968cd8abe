package io.chartstream.eventsourcing.projection;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps one projection's live view up to date from Kafka. The records of one poll are applied in
 * one database transaction (a savepoint per record, so one refused record does not undo the
 * others) that also records each event id and each partition's next offset, so a redelivered
 * event changes nothing and a restart resumes exactly where the view is (offsets
 * are read from the view's schema on assignment; Kafka's committed offsets are only informative,
 * for lag tooling). A refused event is dead-lettered and its partition keeps flowing; a
 * database outage is retried with backoff and stalls the partition rather than losing events.
 */
public class ProjectionRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectionRunner.class);

    private final DataSource dataSource;
    private final Projection projection;
    private final Map<String, Object> kafkaConfig;
    private final DeadLetters deadLetters;
    private final BatchApplier batchApplier;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong lastAppliedPosition = new AtomicLong();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public ProjectionRunner(
            DataSource dataSource, Projection projection, Map<String, Object> kafkaConfig, DeadLetters deadLetters) {
        this.dataSource = dataSource;
        this.projection = projection;
        this.kafkaConfig = kafkaConfig;
        this.deadLetters = deadLetters;
        this.batchApplier = new BatchApplier(projection);
    }

    public Projection projection() {
        return projection;
    }

    /** Events on the assigned partitions not yet applied, as of the last poll. */
    public long lag() {
        return lag.get();
    }

    public long appliedCount() {
        return applied.get();
    }

    public long deadLetteredCount() {
        return deadLettered.get();
    }

    /** The source store position of the last event this runner applied. */
    public long lastAppliedPosition() {
        return lastAppliedPosition.get();
    }

    public synchronized void start() throws SQLException {
        if (running) {
            return;
        }
        createSchema(dataSource, projection.schema(), projection);
        running = true;
        thread = new Thread(this::run, "projection-" + projection.name());
        thread.setDaemon(true);
        thread.start();
    }

    static void createSchema(DataSource dataSource, String schema, Projection projection) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            ViewSchema.lockExclusive(c, schema); // replicas starting together must not race on DDL
            ViewSchema.create(c, schema, projection);
            c.commit();
        }
    }

    static Map<String, Object> consumerConfig(Map<String, Object> base, String groupId) {
        Map<String, Object> config = new HashMap<>(base);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    /** The live consumer: the common settings, plus the projection's {@link Projection#gatherFor}. */
    private Map<String, Object> liveConsumerConfig() {
        Map<String, Object> config = consumerConfig(kafkaConfig, projection.name());
        long gather = projection.gatherFor().toMillis();
        if (gather > 0) {
            config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) gather);
        }
        return config;
    }

    private void run() {
        long backoff = 200;
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(liveConsumerConfig())) {
                consumer = c;
                c.subscribe(projection.topics(), new ResumeFromView(c));
                backoff = 200;
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(250));
                    if (!records.isEmpty()) {
                        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
                        records.forEach(batch::add);
                        handle(batch);
                        c.commitAsync(nextOffsets(c), null);
                    }
                    lag.set(c.assignment().stream()
                            .mapToLong(tp -> c.currentLag(tp).orElse(0))
                            .sum());
                }
            } catch (WakeupException e) {
                // closing
            } catch (Exception e) {
                if (running) {
                    LOG.warnf(
                            "projection %s stopped on %s, restarting in %d ms",
                            projection.name(), e.toString(), backoff);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 10_000);
                }
            } finally {
                consumer = null;
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(KafkaConsumer<String, byte[]> c) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : c.assignment()) {
            offsets.put(tp, new OffsetAndMetadata(c.position(tp)));
        }
        return offsets;
    }

    /**
     * Applies one poll's records in one transaction (a savepoint per record). Refused records are
     * published to the dead-letter topic before the commit, so none is lost; a database failure
     * retries the whole batch with backoff, which stalls the partitions rather than skipping.
     */
    private void handle(List<ConsumerRecord<String, byte[]>> batch) throws InterruptedException {
        long backoff = 100;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    ViewSchema.useSchema(c, projection.schema());
                    ViewSchema.lockShared(c, projection.schema());
                    BatchApplier.Result result = batchApplier.apply(c, projection.schema(), batch);
                    for (BatchApplier.Refused refused : result.refused()) {
                        LOG.errorf(
                                "projection %s refused %s-%d@%d (event %s): %s",
                                projection.name(),
                                refused.record().topic(),
                                refused.record().partition(),
                                refused.record().offset(),
                                EventApplier.eventIdOf(refused.record()),
                                refused.error().toString());
                        deadLetters.publish(projection.name(), refused.record(), refused.error());
                    }
                    c.commit();
                    applied.addAndGet(result.applied());
                    deadLettered.addAndGet(result.refused().size());
                    if (result.lastAppliedPosition() >= 0) {
                        lastAppliedPosition.set(result.lastAppliedPosition());
                    }
                    return;
                } catch (Exception e) {
                    c.rollback();
                    throw e;
                }
            } catch (Exception e) {
                LOG.warnf("projection %s could not apply a batch (%s), retrying", projection.name(), e.toString());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    /** On assignment, seek each partition to the offset the view recorded, not Kafka's. */
    private final class ResumeFromView implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> consumer;

        ResumeFromView(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try (Connection c = dataSource.getConnection()) {
                Map<TopicPartition, Long> stored = ViewSchema.offsets(c, projection.schema());
                for (TopicPartition tp : partitions) {
                    Long next = stored.get(tp);
                    if (next != null) {
                        consumer.seek(tp, next);
                    } else {
                        consumer.seekToBeginning(List.of(tp));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the offsets of view " + projection.schema(), e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
