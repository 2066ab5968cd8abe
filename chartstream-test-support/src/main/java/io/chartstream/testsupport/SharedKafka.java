package io.chartstream.testsupport;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real Apache Kafka broker (KRaft, combined broker and controller) per test JVM, started
 * in-process from Kafka's own test kit. No container, no in-memory stand-in.
 */
public final class SharedKafka {

    private static KafkaClusterTestKit cluster;
    private static Path baseDirectory;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
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
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test Kafka broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedKafka::stop, "stop-test-kafka"));
        }
        return cluster.bootstrapServers();
    }

    private static synchronized void stop() {
        if (cluster != null) {
            // The tests are over: a failure while the broker shuts down must not turn the run red.
            Exit.setHaltProcedure((status, message) -> { });
            Exit.setExitProcedure((status, message) -> { });
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
