package io.chartstream.eventsourcing.bench;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.eventsourcing.outbox.OutboxRelay;
import io.chartstream.eventsourcing.projection.DeadLetters;
import io.chartstream.eventsourcing.projection.ProjectionRunner;
import io.chartstream.eventsourcing.projection.RebuildJob;
import io.chartstream.eventsourcing.projection.RebuildProgress;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.ExpectedVersion;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.NewEvent;
import io.chartstream.eventsourcing.support.Events;
import io.chartstream.eventsourcing.support.SubjectCountsProjection;
import io.chartstream.eventsourcing.support.TestStore;
import io.chartstream.eventsourcing.support.TestTopics;
import io.chartstream.testsupport.SharedKafka;
import io.chartstream.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Measures the runtime on this machine against the real PostgreSQL and Kafka of test-support
 * and prints a table. A program, not a test: numbers depend on the machine and its load.
 * Run: {@code mvn -B -q -pl chartstream-eventsourcing test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.chartstream.eventsourcing.bench.EventSourcingBenchmark}
 * <p>Arguments (optional): a scale factor, then the parts to run, e.g. {@code -Dexec.args="1 relay"}:
 * {@code append}, {@code relay}, {@code projection} (live apply, then the rebuild of that view), or
 * {@code rebuild} (the same: a rebuild needs the live view it swaps with). No parts: all of them.
 */
public final class EventSourcingBenchmark {

    private static final String TYPE = "io.chartstream.bench.Happened.v1";
    private static final String DATA =
            "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2345-7\"}]},\"valueQuantity\":{\"value\":95,\"unit\":\"mg/dL\"}}";
    private static final JdbcEventStore STORE = new JdbcEventStore();

    private EventSourcingBenchmark() {}

    public static void main(String[] args) {
        logAsAServiceDoes();
        try {
            run(args);
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1); // the in-process broker's threads would keep the JVM alive
        }
    }

    /**
     * Outside Quarkus nothing configures JBoss LogManager (the SLF4J binding on this classpath),
     * and its root level is then ALL: every Kafka client and broker call formatted TRACE messages
     * for a logger without handlers. That was a third of the relay thread's allocations and caused
     * young-GC pauses of 100-280 ms under load, all measured as relay latency. A service logs at
     * INFO (Quarkus' default); so does the benchmark.
     */
    private static void logAsAServiceDoes() {
        org.jboss.logmanager.Logger.getLogger("").setLevel(org.jboss.logmanager.Level.INFO);
    }

    private static void run(String[] args) throws Exception {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Set<String> parts = args.length > 1
                ? Set.of(Arrays.copyOfRange(args, 1, args.length))
                : Set.of("append", "relay", "projection");
        System.out.printf(
                "machine: %d cores, load average %.2f at start%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> rows = new ArrayList<>();
        if (parts.contains("append")) {
            row(rows, append("append, 1 writer, 1 event/tx", 1, 1, 3_000 * scale));
            row(rows, append("append, 1 writer, 10 events/tx", 1, 10, 20_000 * scale));
            row(rows, append("append, 4 writers, 1 event/tx", 4, 1, 6_000 * scale));
            row(rows, append("append, 8 writers, 10 events/tx", 8, 10, 40_000 * scale));
        }
        if (parts.contains("relay")) {
            row(rows, commitToKafka(1_000, 10 * scale));
        }
        if (parts.contains("projection") || parts.contains("rebuild")) {
            String topic = TestTopics.create("bench-projection", 6);
            int events = 20_000 * scale;
            publish(topic, events);
            DataSource ds = TestStore.freshDatabase("bench_projection");
            row(rows, projection(ds, topic, events));
            row(rows, rebuild(ds, topic, events));
        }
        System.out.println();
        System.out.println("| measure | result |");
        System.out.println("|---|---|");
        rows.forEach(System.out::println);
        System.out.printf(
                "%nload average %.2f at end%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static void row(List<String> rows, String row) {
        System.out.println(row);
        rows.add(row);
    }

    private static String append(String label, int writers, int perTx, int total) throws Exception {
        DataSource ds = TestStore.freshDatabase("bench_append");
        int perWriter = total / writers / perTx;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    for (int i = 0; i < perWriter; i++) {
                        List<NewEvent> batch = new ArrayList<>(perTx);
                        String subject = "person-" + writer + "-" + (i % 100);
                        for (int j = 0; j < perTx; j++) {
                            batch.add(NewEvent.of(TYPE, subject, DATA));
                        }
                        STORE.append(
                                c,
                                "stream-" + writer + "-" + i,
                                ExpectedVersion.NO_STREAM,
                                batch,
                                EventMetadata.none());
                        c.commit();
                    }
                }
                return null;
            }));
        }
        for (var f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        int written = perWriter * perTx * writers;
        return String.format(
                "| %s | %,.0f events/s (%,d events in %.1f s) |", label, written / seconds, written, seconds);
    }

    /**
     * Paced writes with the relay running; latency from each commit to the record's arrival at a
     * consumer. The commit and the arrival are timed independently (a record may arrive before its
     * writer got back from the commit; it counts as 0 ms) and joined by event id at the end; an
     * event that never arrives is reported. Two seconds at the same pace go first, unmeasured, and a
     * GC runs between: the figure is the relay's steady state, not class loading and JIT warm-up.
     */
    private static String commitToKafka(int perSecond, int seconds) throws Exception {
        DataSource ds = TestStore.freshDatabase("bench_relay");
        String topic = TestTopics.create("bench-relay", 6);
        Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        try (OutboxRelay relay = new OutboxRelay(
                        ds, KafkaSettings.relayClients(SharedKafka.bootstrapServers(), "bench"), topic, "bench");
                KafkaConsumer<String, byte[]> consumer = consumer()) {
            relay.start();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            pacedWrites(ds, consumer, arrivedAt, perSecond, 2 * perSecond);
            System.gc();
            Map<String, Long> committedAt = pacedWrites(ds, consumer, arrivedAt, perSecond, perSecond * seconds);
            long[] sorted = committedAt.entrySet().stream()
                    .filter(e -> arrivedAt.containsKey(e.getKey()))
                    .mapToLong(e -> Math.max(0, arrivedAt.get(e.getKey()) - e.getValue()))
                    .sorted()
                    .toArray();
            int missing = committedAt.size() - sorted.length;
            return String.format(
                    "| commit → Kafka consumer at %,d events/s for %d s | p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d events%s) |",
                    perSecond,
                    seconds,
                    pct(sorted, 50),
                    pct(sorted, 99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                    sorted.length,
                    missing == 0 ? "" : ", " + missing + " never arrived");
        }
    }

    /** Commits {@code total} events at {@code perSecond} while consuming; returns each event's commit time. */
    private static Map<String, Long> pacedWrites(
            DataSource ds,
            KafkaConsumer<String, byte[]> consumer,
            Map<String, Long> arrivedAt,
            int perSecond,
            int total)
            throws Exception {
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Thread writer = new Thread(() -> {
            long interval = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                for (int i = 0; i < total; i++) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait); // no busy loop: 2 cores
                    }
                    next += interval;
                    NewEvent e = NewEvent.of(TYPE, "person-" + (i % 200), DATA);
                    STORE.append(
                            c,
                            "stream-" + UUID.randomUUID(),
                            ExpectedVersion.NO_STREAM,
                            List.of(e),
                            EventMetadata.none());
                    c.commit();
                    committedAt.put(e.eventId().toString(), System.nanoTime());
                }
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        writer.start();
        long deadline =
                System.nanoTime() + Duration.ofSeconds(total / perSecond + 30L).toNanos();
        while (System.nanoTime() < deadline
                && (writer.isAlive() || !arrivedAt.keySet().containsAll(committedAt.keySet()))) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                arrivedAt.put(TopicReader.header(r, CloudEventHeaders.ID), System.nanoTime());
            }
        }
        writer.join();
        return committedAt;
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void publish(String topic, int events) throws Exception {
        var producer = Events.producer();
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            acks.add(producer.send(io.chartstream.eventsourcing.cloudevents.ChartStreamCloudEvents.toProducerRecord(
                    topic, Events.event("person-" + (i % 500), DATA), "bench")));
        }
        for (var a : acks) {
            a.get();
        }
    }

    private static String projection(DataSource ds, String topic, int events) throws Exception {
        SubjectCountsProjection projection = new SubjectCountsProjection(
                "bench-" + UUID.randomUUID().toString().substring(0, 8), topic);
        long start = System.nanoTime();
        try (ProjectionRunner runner = new ProjectionRunner(
                ds,
                projection,
                KafkaSettings.common(SharedKafka.bootstrapServers()),
                new DeadLetters(Events.producer()))) {
            runner.start();
            while (TestStore.count(ds, "select count(*) from " + projection.schema() + ".applied_event") < events) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            RebuildTarget.projection = projection;
            return String.format(
                    "| live projection apply (from Kafka, 6 partitions) | %,.0f events/s (%,d events in %.1f s) |",
                    events / seconds, events, seconds);
        }
    }

    private static String rebuild(DataSource ds, String topic, int events) {
        RebuildProgress done = new RebuildJob(
                        ds, RebuildTarget.projection, KafkaSettings.common(SharedKafka.bootstrapServers()), null)
                .run();
        return String.format(
                "| rebuild from offset 0 into a shadow schema + swap | %,.0f events/s (%,d events, state %s) |",
                done.eventsPerSecond(), done.applied(), done.state());
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }

    /** The projection measured live is the one rebuilt. */
    private static final class RebuildTarget {
        static SubjectCountsProjection projection;
    }
}
