package io.chartstream.eventsourcing.outbox;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.eventsourcing.projection.DeadLetters;
import io.chartstream.eventsourcing.projection.ProjectionRunner;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.support.Events;
import io.chartstream.eventsourcing.support.SubjectCountsProjection;
import io.chartstream.eventsourcing.support.TestStore;
import io.chartstream.eventsourcing.support.TestTopics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.SharedKafka;
import io.chartstream.testsupport.SharedPostgres;
import io.chartstream.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the relay's JVM with SIGKILL while writers keep committing, starts a new relay, and
 * checks with a real projection that every committed event was applied exactly once. The
 * writer keeps committing throughout, so some events are committed while no relay runs.
 */
class RelayCrashTest {

    private static final int MAX_EVENTS = 20_000;

    @Test
    void killingTheRelayLosesNothingAndTheViewAppliesEachEventOnce() throws Exception {
        DataSource ds = TestStore.freshDatabase("crash");
        String topic = TestTopics.create("crash", 3);
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < MAX_EVENTS && !stop.get(); i++) {
                TestStore.appendOne(
                        ds,
                        "person-" + (i % 25),
                        "subject-" + (i % 25),
                        "io.chartstream.test.Happened.v1",
                        "{\"i\":" + i + "}");
                written.incrementAndGet();
            }
        });

        Process first = startRelay(ds, topic);
        writer.start();
        Eventually.within(Duration.ofSeconds(60))
                .alias("the first relay to publish some events")
                .until(() -> TopicReader.readAll(topic).size() > 200);
        first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no flush, no outbox cleanup
        int atKill = written.get();
        Eventually.within(Duration.ofSeconds(60))
                .alias("more commits while no relay runs")
                .until(() -> written.get() > atKill + 200);
        long unpublished = TestStore.count(ds, "select count(*) from es_outbox");
        assertTrue(unpublished > 0, "events were committed while the relay was dead");

        Process second = startRelay(ds, topic);
        int events;
        try {
            int atRestart = written.get();
            Eventually.within(Duration.ofSeconds(60))
                    .alias("more commits while the new relay catches up")
                    .until(() -> written.get() > atRestart + 200 || !writer.isAlive());
            stop.set(true);
            writer.join();
            events = written.get();
            Eventually.within(Duration.ofSeconds(60))
                    .alias("the outbox to drain")
                    .until(() -> TestStore.count(ds, "select count(*) from es_outbox") == 0);
        } finally {
            second.destroyForcibly().waitFor();
        }
        assertEquals(events, TestStore.count(ds, "select count(*) from es_event"));

        long distinctOnKafka = TopicReader.readAll(topic).stream()
                .map(r -> TopicReader.header(r, CloudEventHeaders.ID))
                .distinct()
                .count();
        assertEquals(events, distinctOnKafka, "every committed event reached Kafka");

        SubjectCountsProjection projection =
                new SubjectCountsProjection("crash-view-" + Math.abs(topic.hashCode()), topic);
        try (ProjectionRunner runner = new ProjectionRunner(
                ds,
                projection,
                KafkaSettings.common(SharedKafka.bootstrapServers()),
                new DeadLetters(Events.producer()))) {
            runner.start();
            Eventually.within(Duration.ofSeconds(60))
                    .alias("the view to apply every event")
                    .until(() -> TestStore.count(ds, "select count(*) from " + projection.schema() + ".applied_event")
                            == events);
            Eventually.within(Duration.ofSeconds(10))
                    .alias("the runner to reach the end of the topic")
                    .until(() -> runner.lag() == 0);
        }
        assertEquals(
                events,
                TestStore.count(ds, "select sum(events) from " + projection.schema() + ".subject_count"),
                "each event applied exactly once, duplicates on Kafka included");
    }

    static Process startRelay(DataSource ds, String topic) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        RelayProcess.class.getName(),
                        TestStore.jdbcUrl(ds),
                        SharedPostgres.username(),
                        SharedPostgres.password(),
                        SharedKafka.bootstrapServers(),
                        topic)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains("RELAY STARTED")) {
            // skip start-up logging
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return process;
    }
}
