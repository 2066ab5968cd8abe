package io.chartstream.eventsourcing.projection;

import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.support.Await;
import io.chartstream.eventsourcing.support.Events;
import io.chartstream.eventsourcing.support.SubjectCountsProjection;
import io.chartstream.eventsourcing.support.TestStore;
import io.chartstream.eventsourcing.support.Topics;
import io.chartstream.testsupport.SharedKafka;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RebuildJobTest {

    @Test
    void aRebuiltViewEqualsTheLiveView() throws Exception {
        DataSource ds = TestStore.freshDatabase("rebuild");
        String topic = Topics.create("rebuild", 3);
        SubjectCountsProjection projection = new SubjectCountsProjection("rebuild-" + UUID.randomUUID().toString().substring(0, 8), topic);
        for (int i = 0; i < 600; i++) {
            Events.publish(topic, "person-" + (i % 30), "{\"i\":" + i + "}");
        }
        try (ProjectionRunner live = new ProjectionRunner(ds, projection, KafkaSettings.common(SharedKafka.bootstrapServers()),
                new DeadLetters(Events.producer()))) {
            live.start();
            Await.until(Duration.ofSeconds(30), "the live view", () -> appliedCount(ds, projection) == 600);
            List<String> before = view(ds, projection);

            RebuildProgress done = new RebuildJob(ds, projection, KafkaSettings.common(SharedKafka.bootstrapServers()), null).run();

            assertEquals("done", done.state(), String.valueOf(done.error()));
            assertEquals(600, done.applied());
            assertEquals(before, view(ds, projection));
            assertEquals(600, appliedCount(ds, projection));
        }
    }

    @Test
    void eventsArrivingDuringARebuildAreInTheSwappedInView() throws Exception {
        DataSource ds = TestStore.freshDatabase("rebuild");
        String topic = Topics.create("rebuild", 3);
        SubjectCountsProjection projection = new SubjectCountsProjection("rebuild-" + UUID.randomUUID().toString().substring(0, 8), topic);
        for (int i = 0; i < 2_000; i++) {
            Events.publish(topic, "person-" + (i % 40), "{}");
        }
        try (ProjectionRunner live = new ProjectionRunner(ds, projection, KafkaSettings.common(SharedKafka.bootstrapServers()),
                new DeadLetters(Events.producer()))) {
            live.start();
            Await.until(Duration.ofSeconds(60), "the live view", () -> appliedCount(ds, projection) == 2_000);
            RebuildJob job = new RebuildJob(ds, projection, KafkaSettings.common(SharedKafka.bootstrapServers()), null);
            Thread rebuild = new Thread(job::run);
            rebuild.start();
            for (int i = 0; i < 200; i++) {
                Events.publish(topic, "person-" + (i % 40), "{}");
            }
            rebuild.join(60_000);
            assertEquals("done", job.progress().state(), String.valueOf(job.progress().error()));
            Await.until(Duration.ofSeconds(30), "all events in the view", () -> appliedCount(ds, projection) == 2_200);
            assertEquals(2_200, TestStore.count(ds, "select sum(events) from " + projection.schema() + ".subject_count"));
            assertTrue(job.progress().eventsPerSecond() > 0);
        }
    }

    private static long appliedCount(DataSource ds, Projection projection) {
        return TestStore.count(ds, "select count(*) from " + projection.schema() + ".applied_event");
    }

    private static List<String> view(DataSource ds, Projection projection) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select subject, events, types from " + projection.schema() + ".subject_count order by subject")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }
}
