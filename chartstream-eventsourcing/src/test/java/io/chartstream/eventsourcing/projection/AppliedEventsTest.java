package io.chartstream.eventsourcing.projection;

import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.support.Events;
import io.chartstream.eventsourcing.support.SubjectCountsProjection;
import io.chartstream.eventsourcing.support.TestStore;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Recording a batch as applied tells which events are new, whichever way it is written. */
class AppliedEventsTest {

    private final SourcedEvent a = event();
    private final SourcedEvent b = event();
    private final SourcedEvent c = event();

    @Test
    void claimLeavesOutEventsAppliedBeforeAndRepeatsWithinTheBatch() throws Exception {
        DataSource ds = view();
        try (Connection conn = transaction(ds)) {
            assertEquals(List.of(a), AppliedEvents.claim(conn, List.of(a)));
            assertEquals(List.of(b, c), AppliedEvents.claim(conn, List.of(a, b, a, c, b)));
            conn.commit();
        }
        assertEquals(3, TestStore.count(ds, "select count(*) from view_applied_test.applied_event"));
    }

    @Test
    void claimMostlyNewFallsBackWhenAnEventWasAppliedBefore() throws Exception {
        DataSource ds = view();
        try (Connection conn = transaction(ds)) {
            assertEquals(List.of(a, b), AppliedEvents.claimMostlyNew(conn, List.of(a, b, a)));
            assertEquals(
                    List.of(c),
                    AppliedEvents.claimMostlyNew(conn, List.of(b, c, c)),
                    "b was applied by the earlier batch");
            conn.commit();
        }
        assertEquals(3, TestStore.count(ds, "select count(*) from view_applied_test.applied_event"));
        assertEquals(
                1,
                TestStore.count(
                        ds,
                        "select count(*) from view_applied_test.applied_event where event_id = '"
                                + c.event().eventId() + "' and source = E'svc\\tone' and position = "
                                + c.event().position()));
    }

    private static SourcedEvent event() {
        return new SourcedEvent("svc\tone", Events.event("p", "{}")); // a tab: COPY's separator must be escaped
    }

    private static DataSource view() throws Exception {
        DataSource ds = TestStore.freshDatabase("applied");
        ProjectionRunner.createSchema(ds, "view_applied_test", new SubjectCountsProjection("applied-test"));
        return ds;
    }

    private static Connection transaction(DataSource ds) throws Exception {
        Connection conn = ds.getConnection();
        conn.setAutoCommit(false);
        ViewSchema.useSchema(conn, "view_applied_test");
        return conn;
    }
}
