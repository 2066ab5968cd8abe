package io.chartstream.eventsourcing.outbox;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the outbox's NOTIFY after writers committed, from a thread and a connection of its own, so
 * that no writer's commit takes PostgreSQL's notify lock (docs/decisions.md §38). Commits that come
 * while one NOTIFY is on its way share the next: at most one is in flight, and every commit is
 * followed by a NOTIFY sent after it. The NOTIFY's own transaction does not wait for its WAL flush:
 * a wake-up lost in a crash of PostgreSQL costs the listeners one safety poll, nothing else.
 */
public final class OutboxWakeUp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);
    private static final String NOTIFY =
            "select set_config('synchronous_commit', 'off', true), pg_notify('es_outbox', ''), pg_backend_pid()";

    private final DataSource dataSource;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int backendPid;
    private Connection connection;

    public OutboxWakeUp(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = Thread.ofPlatform().name("outbox-wake-up").daemon().unstarted(this::run);
        thread.start();
    }

    /** A writer committed events to the outbox: its listeners hear of it soon. Never blocks. */
    public void committed() {
        if (!pending.getAndSet(true)) {
            LockSupport.unpark(thread);
        }
    }

    /** The PostgreSQL backend the NOTIFYs come from (0 before the first): what a listener sees as their sender. */
    public int backendPid() {
        return backendPid;
    }

    private void run() {
        while (running) {
            if (!pending.getAndSet(false)) {
                LockSupport.park(this);
                continue;
            }
            try {
                notifyListeners();
            } catch (SQLException e) {
                LOG.warnf("could not NOTIFY the outbox's listeners, trying again: %s", e.toString());
                discardConnection();
                pending.set(true);
                LockSupport.parkNanos(100_000_000L);
            }
        }
        discardConnection();
    }

    private void notifyListeners() throws SQLException {
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
        }
        try (PreparedStatement ps = connection.prepareStatement(NOTIFY);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            backendPid = rs.getInt(3);
        }
    }

    private void discardConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken: the pool drops it
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
