package io.chartstream.eventsourcing.leader;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a job on one replica of a service at a time, woken by PostgreSQL NOTIFY: a session
 * advisory lock on a dedicated connection elects the leader (another replica stands by and takes
 * over when that connection dies), and the same connection LISTENs on a channel, so work that a
 * commit made available starts without waiting for a poll interval. The outbox relay and the
 * exchange's webhook dispatcher both run this way.
 */
public final class NotifiedLeaderLoop implements AutoCloseable {

    /** One round of work; returns how long to wait for a notification before the next round (ms). */
    @FunctionalInterface
    public interface Round {
        int run() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(NotifiedLeaderLoop.class);

    private final DataSource dataSource;
    private final long lockKey;
    private final String channel;
    private final String name;
    private final Round round;
    private volatile boolean running;
    private volatile boolean leader;
    private Thread thread;

    public NotifiedLeaderLoop(DataSource dataSource, long lockKey, String channel, String name, Round round) {
        this.dataSource = dataSource;
        this.lockKey = lockKey;
        this.channel = channel;
        this.name = name;
        this.round = round;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isRunning() {
        return running;
    }

    public boolean isLeader() {
        return leader;
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try (Connection listen = dataSource.getConnection()) {
                listen.setAutoCommit(true);
                if (!becomeLeader(listen)) {
                    continue;
                }
                try (Statement s = listen.createStatement()) {
                    s.execute("listen " + channel);
                }
                PGConnection pg = listen.unwrap(PGConnection.class);
                backoff = 100;
                while (running) {
                    int waitMillis = round.run();
                    pg.getNotifications(waitMillis);
                }
            } catch (Exception e) {
                leader = false;
                if (running) {
                    LOG.warnf("%s failed, retrying in %d ms: %s", name, backoff, e.toString());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 5_000);
                }
            }
        }
        leader = false;
    }

    private boolean becomeLeader(Connection listen) throws SQLException {
        try (PreparedStatement ps = listen.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, lockKey);
            while (running) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        leader = true;
                        return true;
                    }
                }
                sleep(1_000);
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
