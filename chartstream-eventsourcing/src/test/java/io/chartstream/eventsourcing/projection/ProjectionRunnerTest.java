package io.chartstream.eventsourcing.projection;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.eventsourcing.support.Events;
import io.chartstream.eventsourcing.support.SubjectCountsProjection;
import io.chartstream.eventsourcing.support.TestStore;
import io.chartstream.eventsourcing.support.TestTopics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.SharedKafka;
import io.chartstream.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectionRunnerTest {

    private DataSource ds;
    private String topic;
    private SubjectCountsProjection projection;
    private ProjectionRunner runner;

    @BeforeEach
    void view() throws Exception {
        ds = TestStore.freshDatabase("runner");
        topic = TestTopics.create("runner", 1);
        projection = new SubjectCountsProjection(
                "counts-" + UUID.randomUUID().toString().substring(0, 8), topic);
        runner = newRunner();
        runner.start();
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    private ProjectionRunner newRunner() {
        return new ProjectionRunner(
                ds,
                projection,
                KafkaSettings.common(SharedKafka.bootstrapServers()),
                new DeadLetters(Events.producer()));
    }

    private long events(String subject) {
        return TestStore.count(
                ds,
                "select coalesce(sum(events), 0) from " + projection.schema() + ".subject_count where subject = '"
                        + subject + "'");
    }

    @Test
    void aRedeliveredEventHasNoEffectOnTheView() {
        RecordedEvent event = Events.event("alice", "{}");
        Events.publish(topic, event);
        Events.publish(topic, event); // the relay published it twice, e.g. after a crash
        Events.publish(topic, "alice", "{\"marker\":true}");
        Eventually.within(Duration.ofSeconds(20))
                .alias("the marker")
                .until(() -> runner.lag() == 0 && events("alice") >= 2);
        assertEquals(2, events("alice"));
        assertEquals(2, TestStore.count(ds, "select count(*) from " + projection.schema() + ".applied_event"));
    }

    @Test
    void aPoisonEventIsDeadLetteredAndLaterEventsOnThePartitionAreApplied() throws Exception {
        Events.publish(topic, "bob", "{\"n\":1}");
        RecordedEvent poison = Events.publish(topic, "bob", "{\"poison\":true}");
        Events.publish(topic, "bob", "{\"n\":3}");

        Eventually.within(Duration.ofSeconds(20))
                .alias("the event after the poison")
                .until(() -> events("bob") == 2);
        assertEquals(1, runner.deadLetteredCount());
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readAll(DeadLetters.topicFor(projection.name()));
        assertEquals(1, dead.size());
        assertEquals(poison.eventId().toString(), TopicReader.header(dead.get(0), CloudEventHeaders.ID));
        assertEquals(topic, TopicReader.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_TOPIC));
        assertTrue(TopicReader.header(dead.get(0), CloudEventHeaders.DEAD_LETTER_REASON)
                .contains("refusing poison"));

        projection.cure();
        Redrive.Result result = new Redrive(ds, projection, KafkaSettings.common(SharedKafka.bootstrapServers())).run();
        assertEquals(new Redrive.Result(1, 0), result);
        assertEquals(3, events("bob"));
        assertEquals(0, TestStore.count(ds, "select count(*) from " + projection.schema() + ".dead_letter"));
    }

    @Test
    void aRefusedEventInABulkBatchGoesToTheDeadLettersAndTheRestOfTheBatchApplies() throws Exception {
        runner.close(); // the events wait on the topic, so the next runner gets them in one poll
        for (int i = 0; i < 20; i++) {
            Events.publish(topic, "erin", i == 10 ? "{\"poison\":true}" : "{\"n\":" + i + "}");
        }
        runner = newRunner();
        runner.start();

        Eventually.within(Duration.ofSeconds(20))
                .alias("the healthy events")
                .until(() -> events("erin") == 19 && runner.deadLetteredCount() == 1);
        assertTrue(projection.bulkBatches() > 0, "the bulk hook was tried first");
        assertEquals(1, TestStore.count(ds, "select count(*) from " + projection.schema() + ".dead_letter"));
        assertEquals(19, TestStore.count(ds, "select count(*) from " + projection.schema() + ".applied_event"));
        String deadLetterTopic = DeadLetters.topicFor(projection.name());
        Eventually.within(Duration.ofSeconds(20))
                .alias("the dead-letter record")
                .until(() -> TopicReader.readAll(deadLetterTopic).size() == 1);
    }

    @Test
    void aRestartedRunnerResumesExactlyWhereTheViewIs() throws Exception {
        for (int i = 0; i < 10; i++) {
            Events.publish(topic, "carol", "{}");
        }
        Eventually.within(Duration.ofSeconds(20)).alias("ten events").until(() -> events("carol") == 10);
        runner.close();
        for (int i = 0; i < 10; i++) {
            Events.publish(topic, "carol", "{}");
        }
        runner = newRunner();
        runner.start();
        Eventually.within(Duration.ofSeconds(20))
                .alias("twenty events")
                .until(() -> events("carol") == 20 && runner.lag() == 0);
        Eventually.within(Duration.ofSeconds(5))
                .during(Duration.ofMillis(300))
                .alias("twenty events and no more: nothing applied twice after the restart")
                .until(() -> events("carol") == 20);
    }

    @Test
    void aReadWaitsUntilTheViewAppliedTheWrittenPosition() throws Exception {
        RecordedEvent event = Events.event("dave", "{}");
        var position = new ViewConsistency.Position("test-service", event.position());
        assertFalse(ViewConsistency.awaitApplied(ds, projection.schema(), position, Duration.ofMillis(200)));
        Events.publish(topic, event);
        assertTrue(ViewConsistency.awaitApplied(ds, projection.schema(), position, Duration.ofSeconds(10)));
    }
}
