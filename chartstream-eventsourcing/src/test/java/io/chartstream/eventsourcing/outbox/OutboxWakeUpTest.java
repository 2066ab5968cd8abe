package io.chartstream.eventsourcing.outbox;

import io.chartstream.eventsourcing.runtime.EventSourcingRuntime;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.ExpectedVersion;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.NewEvent;
import io.chartstream.testsupport.RealInfrastructure;
import io.chartstream.testsupport.SharedPostgres;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decisions §38: a JTA writer's commit does not NOTIFY (so it never takes PostgreSQL's notify lock);
 * the outbox's listeners hear of its events from the wake-up's own connection after the commit, and
 * of a rolled-back write not at all; a writer outside JTA is notified in its own transaction as before.
 */
@QuarkusTest
@QuarkusTestResource(
        value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "runtime_test"))
class OutboxWakeUpTest {

    @Inject
    TransactionalAppender appender;

    @Inject
    JdbcEventStore store;

    @Inject
    EventSourcingRuntime runtime;

    @Test
    void aJtaWriterIsHeardOfAfterItsCommitFromTheWakeUpNotFromItsOwnTransaction() throws Exception {
        try (Connection listener = listening()) {
            appender.append("wake-up-" + UUID.randomUUID());
            List<PGNotification> heard = notifications(listener, 5_000, 1);
            assertFalse(heard.isEmpty(), "no notification after the commit");
            int wakeUp = runtime.wakeUp().orElseThrow().backendPid();
            for (PGNotification n : heard) {
                assertEquals(wakeUp, n.getPID(), "sent by the wake-up's connection, not the writer's transaction");
            }
        }
    }

    @Test
    void aRolledBackJtaWriterWakesNoOne() throws Exception {
        try (Connection listener = listening()) {
            assertThrows(IllegalStateException.class, () -> appender.appendThenFail("wake-up-" + UUID.randomUUID()));
            assertTrue(notifications(listener, 1_000, Integer.MAX_VALUE).isEmpty());
        }
    }

    @Test
    void aWriterOutsideJtaIsNotifiedInItsOwnTransaction() throws Exception {
        try (Connection listener = listening();
                Connection writer = DriverManager.getConnection(
                        SharedPostgres.jdbcUrl("runtime_test"), SharedPostgres.username(), SharedPostgres.password())) {
            writer.setAutoCommit(false);
            int writerPid;
            try (Statement s = writer.createStatement();
                    ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                writerPid = rs.getInt(1);
            }
            String stream = "wake-up-" + UUID.randomUUID();
            store.append(
                    writer,
                    stream,
                    ExpectedVersion.ANY,
                    List.of(NewEvent.of("io.chartstream.test.Happened.v1", stream, "{}")),
                    new EventMetadata("wake-up-test", null, "test", "test-org"));
            assertTrue(notifications(listener, 300, Integer.MAX_VALUE).isEmpty(), "nothing before the commit");
            writer.commit();
            List<PGNotification> heard = notifications(listener, 5_000, 1);
            assertEquals(1, heard.size());
            assertEquals(writerPid, heard.get(0).getPID(), "sent by the writer's own transaction");
        }
    }

    private static Connection listening() throws Exception {
        Connection c = DriverManager.getConnection(
                SharedPostgres.jdbcUrl("runtime_test"), SharedPostgres.username(), SharedPostgres.password());
        try (Statement s = c.createStatement()) {
            s.execute("listen es_outbox");
        }
        return c;
    }

    /** The notifications that arrive within {@code millis}, returning early once {@code enough} came. */
    private static List<PGNotification> notifications(Connection listener, long millis, int enough) throws Exception {
        List<PGNotification> heard = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000;
        PGConnection pg = listener.unwrap(PGConnection.class);
        while (heard.size() < enough) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            PGNotification[] some = pg.getNotifications((int) left);
            if (some != null) {
                heard.addAll(List.of(some));
            }
        }
        return heard;
    }
}
