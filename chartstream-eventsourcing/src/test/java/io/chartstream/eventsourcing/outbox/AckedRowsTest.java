package io.chartstream.eventsourcing.outbox;

import io.chartstream.eventsourcing.support.TestStore;
import io.chartstream.testsupport.Eventually;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Acknowledged outbox rows are deleted off the relay's path, and never lost if the delete fails. */
class AckedRowsTest {

    @Test
    void acknowledgedRowsAreDeletedAndThenNoLongerInFlight() {
        DataSource ds = TestStore.freshDatabase("acked");
        long first = TestStore.appendOne(ds, "person-1", "p1", "io.chartstream.test.Happened.v1", "{}");
        TestStore.appendOne(ds, "person-2", "p2", "io.chartstream.test.Happened.v1", "{}");
        try (AckedRows rows = new AckedRows(ds, "test")) {
            rows.delete(List.of(first));
            Eventually.within(Duration.ofSeconds(5)).alias("the delete").until(() -> rows.inFlight().length == 0);
        }
        assertOutbox(ds, 1);
    }

    @Test
    void aFailedDeleteReleasesItsRowsSoTheRelayPublishesThemAgain() throws Exception {
        DataSource ds = TestStore.freshDatabase("acked");
        long first = TestStore.appendOne(ds, "person-1", "p1", "io.chartstream.test.Happened.v1", "{}");
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "create function refuse() returns trigger language plpgsql as $$ begin raise exception 'no deletes'; end $$");
            s.execute(
                    "create trigger refuse_delete before delete on es_outbox for each statement execute function refuse()");
        }
        try (AckedRows rows = new AckedRows(ds, "test")) {
            rows.delete(List.of(first));
            Eventually.within(Duration.ofSeconds(5))
                    .alias("the failed delete to release its row")
                    .until(() -> rows.inFlight().length == 0);
        }
        assertOutbox(ds, 1);
    }

    private static void assertOutbox(DataSource ds, long rows) {
        assertEquals(rows, TestStore.count(ds, "select count(*) from es_outbox"));
    }
}
