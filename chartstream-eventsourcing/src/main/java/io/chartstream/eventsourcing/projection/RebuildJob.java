package io.chartstream.eventsourcing.projection;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Rebuilds a view from offset 0 of its topics into a shadow schema while the live view keeps
 * serving, then swaps the shadow in. The swap takes the projection's lock exclusively (live
 * appliers hold it shared), brings the shadow up to the live view's offsets, and renames the
 * schemas in one transaction: readers see the old view or the new one, never a half-built one.
 */
public class RebuildJob {

    private static final Logger LOG = Logger.getLogger(RebuildJob.class);
    /** Records per poll, so per shadow transaction: a rebuild reads history, large batches pay off. */
    private static final int BATCH = 5_000;
    /** How long the swap waits for the live view to apply (and so publish) what the shadow already holds. */
    private static final Duration LIVE_CATCH_UP = Duration.ofMinutes(10);

    private final DataSource dataSource;
    private final Projection projection;
    private final Map<String, Object> kafkaConfig;
    private final BatchApplier batchApplier;
    private final Consumer<RebuildProgress> progressListener;
    private volatile RebuildProgress progress;
    /** Per partition, the next offset the shadow holds as far as this job committed it. */
    private final Map<TopicPartition, Long> committedToShadow = new HashMap<>();

    public RebuildJob(
            DataSource dataSource,
            Projection projection,
            Map<String, Object> kafkaConfig,
            Consumer<RebuildProgress> progressListener) {
        this.dataSource = dataSource;
        this.projection = projection;
        this.kafkaConfig = kafkaConfig;
        this.batchApplier = new BatchApplier(projection, true);
        this.progressListener = progressListener;
        this.progress = RebuildProgress.of(projection.name(), "pending", 0, 0, Instant.now(), null, null);
    }

    public RebuildProgress progress() {
        return progress;
    }

    /** Runs the whole rebuild on the calling thread (and a reader thread) and returns the final progress. */
    public RebuildProgress run() {
        Instant started = Instant.now();
        String live = projection.schema();
        String shadow = live + "__rebuild";
        long applied = 0;
        long total = 0;
        try (HistoryReader reader = new HistoryReader(consumerConfig(), projection.topics(), projection.name())) {
            reader.start(); // looks up the offsets and fetches while the shadow is being created
            recreate(shadow);
            total = reader.total();
            report("rebuilding", applied, total, started, null, null);
            long lastReport = System.nanoTime();
            for (DecodedBatch batch = reader.next(); !batch.isEmpty(); batch = reader.next()) {
                applied += applyBatch(shadow, batch);
                if (System.nanoTime() - lastReport > 1_000_000_000L) {
                    report("rebuilding", applied, total, started, null, null);
                    lastReport = System.nanoTime();
                }
            }
            createReadIndex(shadow);
            KafkaConsumer<String, byte[]> consumer = reader.handOver();
            long giveUp = System.nanoTime() + LIVE_CATCH_UP.toNanos();
            OptionalLong swapped;
            while ((swapped = swap(consumer, live, shadow)).isEmpty()) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("the live view of " + projection.name() + " has not applied within "
                            + LIVE_CATCH_UP + " what the rebuild holds (is its projection running?); the rebuilt"
                            + " view is not swapped in, so nothing the live view has yet to publish is lost");
                }
                if (!"waiting for the live view".equals(progress.state())) {
                    report("waiting for the live view", applied, total, started, null, null);
                }
                Thread.sleep(200);
            }
            applied += swapped.getAsLong();
            return report("done", applied, Math.max(total, applied), started, Instant.now(), null);
        } catch (Exception e) {
            LOG.errorf(e, "rebuild of %s failed; the live view is untouched", projection.name());
            return report("failed", applied, total, started, Instant.now(), e.toString());
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = ProjectionRunner.consumerConfig(kafkaConfig, null);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, BATCH);
        return config;
    }

    private RebuildProgress report(
            String state, long applied, long total, Instant started, Instant finished, String error) {
        progress = RebuildProgress.of(projection.name(), state, applied, total, started, finished, error);
        LOG.info(progress);
        if (progressListener != null) {
            progressListener.accept(progress);
        }
        return progress;
    }

    /**
     * A fresh shadow schema, without the index that read-your-writes looks events up by: nobody
     * reads the shadow while it fills, and building that index once at the end is cheaper than
     * keeping it up to date row by row.
     */
    private void recreate(String shadow) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            ViewSchema.lockExclusive(c, shadow);
            s.execute("drop schema if exists " + shadow + " cascade");
            ViewSchema.createTables(c, shadow, projection);
            c.commit();
        }
    }

    private void createReadIndex(String shadow) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            ViewSchema.useSchema(c, shadow);
            ViewSchema.createReadIndex(c);
            c.commit();
        }
    }

    /**
     * Applies records in one transaction on the shadow schema; refused events are recorded, not
     * published. The commit does not wait for its WAL flush: a crash mid-rebuild loses the shadow's
     * last batches at worst, and a crashed rebuild starts over from a fresh shadow anyway. Only the
     * swap, which the live view depends on, commits synchronously.
     */
    private long applyBatch(String shadow, DecodedBatch batch) throws Exception {
        if (batch.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local synchronous_commit = off");
            }
            long n = applyAll(c, shadow, batch);
            c.commit();
            for (ConsumerRecord<String, byte[]> r : batch.records()) {
                committedToShadow.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
            }
            return n;
        }
    }

    private long applyAll(Connection c, String shadow, DecodedBatch batch) throws Exception {
        return batchApplier.apply(c, shadow, batch).applied();
    }

    /**
     * The shadow's batches committed asynchronously: if the database crashed and came back while
     * the job ran, the last of them may be gone although the job counted them. The shadow's own
     * offsets then lag what the job committed, and the rebuild fails instead of swapping in a view
     * with a hole (the swap's synchronous commit makes everything before it durable).
     */
    private void verifyShadowHoldsWhatWasCommitted(Connection c, String shadow) throws SQLException {
        Map<TopicPartition, Long> held = ViewSchema.offsets(c, shadow);
        for (Map.Entry<TopicPartition, Long> e : committedToShadow.entrySet()) {
            if (held.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                throw new IllegalStateException("shadow " + shadow + " lost batches of " + e.getKey() + " (holds up to "
                        + held.get(e.getKey()) + ", committed " + e.getValue() + "); rebuild again");
            }
        }
    }

    /** Catches the shadow up to the live view's offsets under the exclusive lock, then renames. */
    /**
     * Swaps the shadow in, or answers empty (nothing changed) while the live view has not yet
     * applied everything the shadow holds.
     */
    private OptionalLong swap(KafkaConsumer<String, byte[]> consumer, String live, String shadow) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            ViewSchema.lockExclusive(c, live);
            verifyShadowHoldsWhatWasCommitted(c, shadow);
            Map<TopicPartition, Long> liveOffsets = ViewSchema.offsets(c, live);
            for (TopicPartition tp : consumer.assignment()) {
                if (liveOffsets.getOrDefault(tp, 0L) < consumer.position(tp)) {
                    // The shadow holds events the live view has not applied yet, so not published
                    // (a projection publishes only when it applies to the live view): swapping now
                    // would skip their notifications. Let the live view catch up first.
                    c.rollback();
                    return OptionalLong.empty();
                }
            }
            Map<TopicPartition, Long> target = new HashMap<>();
            for (TopicPartition tp : consumer.assignment()) {
                target.put(tp, Math.max(consumer.position(tp), liveOffsets.getOrDefault(tp, 0L)));
            }
            long n = 0;
            while (!HistoryReader.reached(consumer, target)) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < target.get(new TopicPartition(r.topic(), r.partition()))) {
                        batch.add(r);
                    }
                }
                n += applyAll(c, shadow, DecodedBatch.of(batch));
            }
            try (Statement s = c.createStatement()) {
                s.execute("alter schema " + live + " rename to " + live + "__old");
                s.execute("alter schema " + shadow + " rename to " + live);
                s.execute("drop schema " + live + "__old cascade");
            }
            c.commit();
            return OptionalLong.of(n);
        }
    }
}
