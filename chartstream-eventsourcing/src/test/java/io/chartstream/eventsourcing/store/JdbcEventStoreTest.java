package io.chartstream.eventsourcing.store;

import io.chartstream.eventsourcing.support.TestStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcEventStoreTest {

    private static DataSource ds;
    private final JdbcEventStore store = new JdbcEventStore();

    @BeforeAll
    static void database() {
        ds = TestStore.freshDatabase("store");
    }

    @Test
    void appendedEventsLoadInVersionOrderWithMetadata() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            AppendResult result = store.append(
                    c,
                    "person-a",
                    ExpectedVersion.NO_STREAM,
                    List.of(
                            NewEvent.of("io.chartstream.test.Happened.v1", "a", "{\"n\":1}"),
                            NewEvent.of("io.chartstream.test.Happened.v1", "a", "{\"n\":2}")),
                    new EventMetadata("corr-1", "cause-1", "dr.rivera", "riverside-clinic"));
            c.commit();
            assertEquals(2, result.streamVersion());

            List<RecordedEvent> events = store.load(c, "person-a", 0);
            assertEquals(
                    List.of(1L, 2L),
                    events.stream().map(RecordedEvent::streamVersion).toList());
            assertEquals("{\"n\": 2}", events.get(1).data());
            assertEquals("riverside-clinic", events.get(0).metadata().organization());
            assertEquals("corr-1", events.get(0).metadata().correlationId());
            assertTrue(events.get(0).position() < events.get(1).position());
            assertEquals(2, store.currentVersion(c, "person-a"));
        }
    }

    @Test
    void staleExpectedVersionIsRejectedWithConflict() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            store.append(
                    c,
                    "person-b",
                    ExpectedVersion.NO_STREAM,
                    List.of(NewEvent.of("io.chartstream.test.Happened.v1", "b", "{}")),
                    EventMetadata.none());
            StreamConflictException conflict = assertThrows(
                    StreamConflictException.class,
                    () -> store.append(
                            c,
                            "person-b",
                            ExpectedVersion.NO_STREAM,
                            List.of(NewEvent.of("io.chartstream.test.Happened.v1", "b", "{}")),
                            EventMetadata.none()));
            assertEquals(1, conflict.actualVersion());
            assertEquals(1, store.currentVersion(c, "person-b"));
        }
    }

    @Test
    void twoConcurrentWritersAtTheSameVersionOneWinsOneConflicts() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            store.append(
                    c,
                    "person-c",
                    ExpectedVersion.NO_STREAM,
                    List.of(NewEvent.of("io.chartstream.test.Happened.v1", "c", "{}")),
                    EventMetadata.none());
        }
        CountDownLatch bothRead = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> outcomes = pool.invokeAll(List.of(() -> write(bothRead), () -> write(bothRead)));
        pool.shutdown();
        List<String> results = outcomes.stream()
                .map(f -> {
                    try {
                        return f.get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .sorted()
                .toList();
        assertEquals(List.of("conflict", "written"), results);
        try (Connection c = ds.getConnection()) {
            assertEquals(2, store.currentVersion(c, "person-c"));
        }
    }

    private String write(CountDownLatch bothRead) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long version = store.currentVersion(c, "person-c");
            bothRead.countDown();
            bothRead.await();
            try {
                store.append(
                        c,
                        "person-c",
                        version,
                        List.of(NewEvent.of("io.chartstream.test.Happened.v1", "c", "{}")),
                        EventMetadata.none());
                c.commit();
                return "written";
            } catch (StreamConflictException e) {
                c.rollback();
                return "conflict";
            }
        }
    }

    @Test
    void snapshotKeepsTheNewestVersion() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            store.saveSnapshot(c, new Snapshot("person-d", 5, "test.State", "{\"v\":5}"));
            store.saveSnapshot(c, new Snapshot("person-d", 3, "test.State", "{\"v\":3}"));
            Snapshot snapshot = store.loadSnapshot(c, "person-d").orElseThrow();
            assertEquals(5, snapshot.streamVersion());
            assertTrue(store.loadSnapshot(c, "nobody").isEmpty());
        }
    }

    @Test
    void everyAppendedEventGetsAnOutboxRow() throws Exception {
        long before = TestStore.count(ds, "select count(*) from es_outbox");
        TestStore.appendOne(ds, "person-e", "e", "io.chartstream.test.Happened.v1", "{}");
        assertEquals(before + 1, TestStore.count(ds, "select count(*) from es_outbox"));
    }
}
