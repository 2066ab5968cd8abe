package io.chartstream.eventsourcing.store;

import io.chartstream.eventsourcing.support.TestStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit on a real PostgreSQL: many callers, contiguous versions, one failure for all of a
 * failed commit, and groups that are one self-committing statement.
 */
class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static DataSource ds;
    private static GroupCommit<JdbcEventStore.StreamEvent> appender;
    private final JdbcEventStore store = new JdbcEventStore();

    @BeforeAll
    static void database() {
        ds = TestStore.freshDatabase("group");
        appender = new GroupCommit<>(ds, new JdbcEventStore()::appendEach, "test-group-commits", 64);
    }

    @AfterAll
    static void close() {
        appender.close();
    }

    private static JdbcEventStore.StreamEvent event(String stream, int n) {
        return new JdbcEventStore.StreamEvent(
                stream,
                NewEvent.of("io.chartstream.test.Happened.v1", stream, "{\"n\":" + n + "}"),
                new EventMetadata(null, null, "dr.rivera", "riverside-clinic"),
                "test.audit");
    }

    @Test
    void concurrentCallersAllCommitWithContiguousVersionsPerStreamAndAnOutboxRowEach() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            calls.add(callers.submit(() -> appender.write(event("group-" + (n % 5), n), WAIT)));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        callers.shutdown();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select e.stream_id, count(*), min(e.stream_version), max(e.stream_version),
                               count(o.position) filter (where o.topic = 'test.audit')
                        from es_event e left join es_outbox o on o.position = e.position
                        where e.stream_id like 'group-%' group by e.stream_id""")) {
            int streams = 0;
            while (rs.next()) {
                streams++;
                assertEquals(80, rs.getLong(2), rs.getString(1));
                assertEquals(1, rs.getLong(3));
                assertEquals(80, rs.getLong(4), "versions 1..80 without a gap or a repeat");
                assertEquals(80, rs.getLong(5), "every event has its outbox row for its topic");
            }
            assertEquals(5, streams);
        }
    }

    @Test
    void eventsOfOneStreamFollowInTheOrderGivenAfterThoseAlreadyThere() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            store.append(
                    c,
                    "order-a",
                    ExpectedVersion.NO_STREAM,
                    List.of(NewEvent.of("io.chartstream.test.Happened.v1", "a", "{\"n\":0}")),
                    EventMetadata.none());
            c.setAutoCommit(false);
            store.appendEach(c, List.of(event("order-a", 1), event("order-b", 1), event("order-a", 2)));
            c.commit();
            List<RecordedEvent> a = store.load(c, "order-a", 0);
            assertEquals(
                    List.of(1L, 2L, 3L),
                    a.stream().map(RecordedEvent::streamVersion).toList());
            assertEquals("{\"n\": 2}", a.get(2).data());
            assertTrue(a.get(1).position() < a.get(2).position());
            assertEquals("dr.rivera", a.get(1).metadata().actor());
            assertEquals(1, store.currentVersion(c, "order-b"));
        }
    }

    @Test
    void aGroupWrittenInOneStatementCommitsByItselfAndEveryItemOnce() throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create table one_statement (n int primary key)");
        }
        AtomicInteger inATransaction = new AtomicInteger();
        GroupCommit.Batch<Integer> insert = (c, items) -> {
            if (!c.getAutoCommit()) {
                inATransaction.incrementAndGet();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into one_statement select unnest(?::int[])")) {
                ps.setArray(1, c.createArrayOf("int", items.toArray()));
                ps.executeUpdate();
            }
        };
        try (GroupCommit<Integer> groups =
                new GroupCommit<>(ds, insert, "test-one-statement", 64, GroupCommit.Commits.STATEMENT)) {
            ExecutorService callers = Executors.newFixedThreadPool(16);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                calls.add(callers.submit(() -> groups.write(n, WAIT)));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            callers.shutdown();
        }
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), min(n), max(n) from one_statement")) {
            rs.next();
            assertEquals(400, rs.getLong(1));
            assertEquals(0, rs.getLong(2));
            assertEquals(399, rs.getLong(3));
        }
        assertEquals(0, inATransaction.get(), "each group's statement commits by itself");
    }

    @Test
    void aCommitThatFailsFailsItsCallersAndTheNextCommitWorks() throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("""
                    create function refuse_doomed() returns trigger language plpgsql as $$
                    begin
                        if new.stream_id = 'doomed' then raise exception 'refused for the test'; end if;
                        return new;
                    end $$;
                    create trigger refuse_doomed before insert on es_event for each row execute function refuse_doomed();
                    """);
        }
        try {
            EventStoreException refused =
                    assertThrows(EventStoreException.class, () -> appender.write(event("doomed", 1), WAIT));
            assertTrue(refused.getCause().getMessage().contains("refused for the test"), refused.toString());
        } finally {
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("drop trigger refuse_doomed on es_event; drop function refuse_doomed()");
            }
        }
        appender.write(event("after-doomed", 1), WAIT);
        try (Connection c = ds.getConnection()) {
            assertEquals(0, store.currentVersion(c, "doomed"));
            assertEquals(1, store.currentVersion(c, "after-doomed"));
        }
    }
}
