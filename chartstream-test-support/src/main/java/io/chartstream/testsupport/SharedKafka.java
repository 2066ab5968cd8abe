package io.chartstream.testsupport;

import io.chartstream.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * One real Apache Kafka broker (KRaft, combined broker and controller) per test JVM, started
 * in-process from Kafka's own test kit. No container, no in-memory stand-in.
 */
public final class SharedKafka {

    /** The services' record topics, created up front as the launcher does, rather than auto-created by a first send. */
    private static final List<String> RECORD_TOPICS = Topics.RECORD_TOPICS;

    private static KafkaClusterTestKit cluster;
    private static Path baseDirectory;

    private SharedKafka() {}

    public static synchronized String bootstrapServers() {
        String external = System.getenv("CHARTSTREAM_TEST_KAFKA");
        if (external != null && !external.isBlank()) {
            return external; // a broker of its own, e.g. for a benchmark: ./chartstream up's Kafka on localhost:9092
        }
        if (cluster == null) {
            try {
                // Our own directory, deleted by our own hook after the broker stopped: with Kafka's
                // default temp directories, their delete-on-exit hook races the broker's shutdown,
                // the broker sees its log directory vanish and halts the JVM with status 1.
                baseDirectory = Files.createTempDirectory("chartstream-kafka");
                KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                                .setBaseDirectory(baseDirectory)
                                .setCombined(true)
                                .setNumBrokerNodes(1)
                                .setNumControllerNodes(1)
                                .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("num.partitions", "3")
                        .setConfigProp("auto.create.topics.enable", "true")
                        .build();
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
                cluster = kit;
                createWritable(RECORD_TOPICS, 6);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test Kafka broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedKafka::stop, "stop-test-kafka"));
        }
        return cluster.bootstrapServers();
    }

    /**
     * Creates topics (those that exist are left alone) and returns once every partition accepts
     * writes. A partition's leader shows in the metadata before the broker serves it; an
     * idempotent producer's first sends in that gap can get NOT_LEADER, and we saw the Kafka client
     * then retry with reset sequence numbers, refused as out of order until its 120 s delivery
     * timeout. Listing the partitions' offsets goes to each leader and succeeds only once it serves.
     */
    public static void createWritable(List<String> topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                            .all()
                            .get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitWritable(admin, topics);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the test topics " + topics, e);
        }
    }

    private static void awaitWritable(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(topics)
                        .allTopicNames()
                        .get()
                        .forEach((name, description) -> description
                                .partitions()
                                .forEach(
                                        p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(latest).all().get();
                return;
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }

    private static synchronized void stop() {
        if (cluster != null) {
            // The tests are over: a failure while the broker shuts down must not turn the run red.
            Exit.setHaltProcedure((status, message) -> {});
            Exit.setExitProcedure((status, message) -> {});
            try {
                cluster.close();
            } catch (Exception ignored) {
                // the JVM is going away
            }
            cluster = null;
            deleteRecursively(baseDirectory);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
