package io.chartstream.eventsourcing.outbox;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.support.TestStore;
import io.chartstream.eventsourcing.support.TestTopics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.SharedKafka;
import io.chartstream.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A leader frozen with SIGSTOP keeps its PostgreSQL session and so its advisory lock; without a
 * lease nothing would be published until it thawed (issue 10). The standby must take over within
 * seconds, and the old leader, thawed, must step down instead of leading beside it.
 */
class FrozenLeaderTest {

    @Test
    void aStandbyReplacesAFrozenLeaderWithinSeconds() throws Exception {
        DataSource ds = TestStore.freshDatabase("frozen");
        String topic = TestTopics.create("frozen", 3);
        Process frozen = RelayCrashTest.startRelay(ds, topic);
        try (OutboxRelay standby = new OutboxRelay(
                ds, KafkaSettings.relayClients(SharedKafka.bootstrapServers(), "standby"), topic, "standby")) {
            TestStore.appendOne(ds, "person-1", "p1", "io.chartstream.test.Happened.v1", "{\"i\":1}");
            Eventually.within(Duration.ofSeconds(30))
                    .alias("the first relay to lead and publish")
                    .until(() -> TopicReader.readAll(topic).size() == 1);
            standby.start();
            Thread.sleep(2_000);
            assertFalse(standby.isLeader(), "one leader at a time");

            signal("STOP", frozen);
            long frozenAt = System.nanoTime();
            TestStore.appendOne(ds, "person-1", "p1", "io.chartstream.test.Happened.v1", "{\"i\":2}");
            Eventually.within(Duration.ofSeconds(20))
                    .alias("the standby to take over and publish")
                    .until(() -> TopicReader.readAll(topic).size() >= 2);
            long tookOverMillis = (System.nanoTime() - frozenAt) / 1_000_000;
            assertTrue(standby.isLeader());
            System.out.printf("frozen leader replaced, event published after %d ms%n", tookOverMillis);

            signal("CONT", frozen);
            Thread.sleep(3_000);
            TestStore.appendOne(ds, "person-1", "p1", "io.chartstream.test.Happened.v1", "{\"i\":3}");
            Eventually.within(Duration.ofSeconds(10))
                    .alias("the third event published")
                    .until(() -> distinctIds(topic).size() == 3);
            assertTrue(standby.isLeader(), "the thawed leader stepped down: its session was ended");
            assertEquals(0, TestStore.count(ds, "select count(*) from es_outbox"));
        } finally {
            signal("CONT", frozen);
            frozen.destroyForcibly().waitFor();
        }
    }

    private static Set<String> distinctIds(String topic) {
        Set<String> ids = new HashSet<>();
        TopicReader.readAll(topic).forEach(r -> ids.add(TopicReader.header(r, CloudEventHeaders.ID)));
        return ids;
    }

    private static void signal(String signal, Process process) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }
}
