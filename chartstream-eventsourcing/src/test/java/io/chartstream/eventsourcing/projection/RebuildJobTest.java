package io.chartstream.eventsourcing.projection;

import io.chartstream.eventsourcing.cloudevents.ChartStreamCloudEvents;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.eventsourcing.support.Events;
import io.chartstream.eventsourcing.support.PublishingProjection;
import io.chartstream.eventsourcing.support.SubjectCountsProjection;
import io.chartstream.eventsourcing.support.TestStore;
import io.chartstream.eventsourcing.support.TestTopics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.SharedKafka;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RebuildJobTest {

    @Test
    void aRebuiltViewEqualsTheLiveView() throws Exception {
        DataSource ds = TestStore.freshDatabase("rebuild");
        String topic = TestTopics.create("rebuild", 3);
        SubjectCountsProjection projection = new SubjectCountsProjection(
                "rebuild-" + UUID.randomUUID().toString().substring(0, 8), topic);
        for (int i = 0; i < 600; i++) {
            Events.publish(topic, "person-" + (i % 30), "{\"i\":" + i + "}");
        }
        try (ProjectionRunner live = liveRunner(ds, projection)) {
            live.start();
            Eventually.within(Duration.ofSeconds(30))
                    .alias("the live view")
                    .until(() -> appliedCount(ds, projection) == 600);
            List<String> before = view(ds, projection);
            List<String> bookkeepingBefore = bookkeeping(ds, projection);

            RebuildProgress done = rebuildJob(ds, projection).run();

            assertEquals("done", done.state(), String.valueOf(done.error()));
            assertEquals(600, done.applied());
            assertEquals(before, view(ds, projection));
            assertEquals(bookkeepingBefore, bookkeeping(ds, projection), "applied ids and partition offsets as live");
            assertEquals(600, appliedCount(ds, projection));
            assertTrue(projection.bulkBatches() > 0, "the projection's bulk hook was used");
            assertEquals(
                    1,
                    TestStore.count(
                            ds,
                            "select count(*) from pg_indexes where schemaname = '" + projection.schema()
                                    + "' and indexname = 'applied_event_source_position'"),
                    "the read index is back after the swap");
        }
    }

    /**
     * The relay republishes after a crash, so a topic holds the same event at two offsets. Some
     * duplicates here sit thousands of offsets after their original, in a later poll of the
     * rebuild (whose fast path assumes new ids and must fall back), others right behind it.
     */
    @Test
    void aRebuildOverRepublishedEventsEqualsTheLiveView() throws Exception {
        DataSource ds = TestStore.freshDatabase("rebuild");
        String topic = TestTopics.create("rebuild", 3);
        SubjectCountsProjection projection = new SubjectCountsProjection(
                "rebuild-" + UUID.randomUUID().toString().substring(0, 8), topic);
        List<RecordedEvent> published = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            RecordedEvent event = Events.event("person-" + (i % 50), "{\"i\":" + i + "}");
            published.add(event);
            acks.add(send(topic, event));
            if (i % 1_000 == 999) {
                acks.add(send(topic, event)); // republished right away
            }
        }
        for (int i = 0; i < 6_000; i += 600) {
            acks.add(send(topic, published.get(i))); // republished much later
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        try (ProjectionRunner live = liveRunner(ds, projection)) {
            live.start();
            Eventually.within(Duration.ofSeconds(60))
                    .alias("the live view")
                    .until(() -> appliedCount(ds, projection) == 6_000 && live.lag() == 0);
            List<String> before = view(ds, projection);
            List<String> bookkeepingBefore = bookkeeping(ds, projection);

            RebuildProgress done = rebuildJob(ds, projection).run();

            assertEquals("done", done.state(), String.valueOf(done.error()));
            assertEquals(6_000, done.applied());
            assertEquals(before, view(ds, projection));
            assertEquals(bookkeepingBefore, bookkeeping(ds, projection), "applied ids and partition offsets as live");
            assertEquals(
                    6_000, TestStore.count(ds, "select sum(events) from " + projection.schema() + ".subject_count"));
        }
    }

    private static Future<RecordMetadata> send(String topic, RecordedEvent event) {
        return Events.producer().send(ChartStreamCloudEvents.toProducerRecord(topic, event, "test-service"));
    }

    @Test
    void eventsArrivingDuringARebuildAreInTheSwappedInView() throws Exception {
        DataSource ds = TestStore.freshDatabase("rebuild");
        String topic = TestTopics.create("rebuild", 3);
        SubjectCountsProjection projection = new SubjectCountsProjection(
                "rebuild-" + UUID.randomUUID().toString().substring(0, 8), topic);
        publishEvents(topic, 2_000, 40);
        try (ProjectionRunner live = liveRunner(ds, projection)) {
            live.start();
            awaitApplied(ds, projection, 2_000);
            RebuildJob job = rebuildJob(ds, projection);
            Thread rebuild = new Thread(job::run);
            rebuild.start();
            publishEvents(topic, 200, 40);
            rebuild.join(60_000);
            assertEquals(
                    "done",
                    job.progress().state(),
                    String.valueOf(job.progress().error()));
            Eventually.within(Duration.ofSeconds(30))
                    .alias("all events in the view")
                    .until(() -> appliedCount(ds, projection) == 2_200);
            assertEquals(
                    2_200, TestStore.count(ds, "select sum(events) from " + projection.schema() + ".subject_count"));
            assertTrue(job.progress().eventsPerSecond() > 0);
        }
    }

    @Test
    void aRebuildAheadOfTheLiveViewWaitsForItSoNoNotificationIsSkipped() throws Exception {
        DataSource ds = TestStore.freshDatabase("rebuild");
        String topic = TestTopics.create("rebuild", 3);
        PublishingProjection projection = new PublishingProjection(
                "rebuild-" + UUID.randomUUID().toString().substring(0, 8), topic);
        publishEvents(topic, 100, 10);
        try (ProjectionRunner live = liveRunner(ds, projection)) {
            live.start();
            awaitApplied(ds, projection, 100);
        }
        // the live projection is away (a deploy, a crash) while 100 more events arrive
        publishEvents(topic, 100, 10);
        RebuildJob job = rebuildJob(ds, projection);
        Thread rebuild = new Thread(job::run);
        rebuild.start();
        Eventually.within(Duration.ofSeconds(60))
                .alias("the rebuild holding all 200")
                .until(() -> List.of("waiting for the live view", "done", "failed")
                        .contains(job.progress().state()));
        assertEquals(
                100,
                TestStore.count(ds, "select count(*) from " + projection.publishedTable()),
                "nothing the rebuild applied is published by it");
        try (ProjectionRunner live = liveRunner(ds, projection)) {
            live.start();
            rebuild.join(60_000);
            assertEquals(
                    "done",
                    job.progress().state(),
                    String.valueOf(job.progress().error()));
        }
        assertEquals(
                200,
                TestStore.count(ds, "select count(distinct event_id) from " + projection.publishedTable()),
                "every event published once the live view applied it");
        assertEquals(200, TestStore.count(ds, "select count(*) from " + projection.publishedTable()));
        assertEquals(200, TestStore.count(ds, "select sum(events) from " + projection.schema() + ".subject_count"));
    }

    /** {@code count} empty events over {@code persons} subjects. */
    private static void publishEvents(String topic, int count, int persons) {
        for (int i = 0; i < count; i++) {
            Events.publish(topic, "person-" + (i % persons), "{}");
        }
    }

    private static void awaitApplied(DataSource ds, Projection projection, long count) {
        Eventually.within(Duration.ofSeconds(60))
                .alias("the live view")
                .until(() -> appliedCount(ds, projection) == count);
    }

    private static RebuildJob rebuildJob(DataSource ds, Projection projection) {
        return new RebuildJob(ds, projection, KafkaSettings.common(SharedKafka.bootstrapServers()), null);
    }

    private static ProjectionRunner liveRunner(DataSource ds, Projection projection) {
        return new ProjectionRunner(
                ds,
                projection,
                KafkaSettings.common(SharedKafka.bootstrapServers()),
                new DeadLetters(Events.producer()));
    }

    /** What the runner records beside the view: every applied event and each partition's next offset. */
    private static List<String> bookkeeping(DataSource ds, Projection projection) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var c = ds.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select event_id, source, position from " + projection.schema()
                    + ".applied_event order by event_id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
                }
            }
            try (ResultSet rs = s.executeQuery("select topic, partition, next_offset from " + projection.schema()
                    + ".partition_offset order by topic, partition")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "/" + rs.getInt(2) + "@" + rs.getLong(3));
                }
            }
        }
        return rows;
    }

    private static long appliedCount(DataSource ds, Projection projection) {
        return TestStore.count(ds, "select count(*) from " + projection.schema() + ".applied_event");
    }

    private static List<String> view(DataSource ds, Projection projection) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select subject, events, types from " + projection.schema()
                        + ".subject_count order by subject")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }
}
