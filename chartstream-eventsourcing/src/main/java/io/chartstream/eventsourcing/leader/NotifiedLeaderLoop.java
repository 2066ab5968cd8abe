package io.chartstream.eventsourcing.leader;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job on one replica of a service at a time, woken by PostgreSQL NOTIFY: a session
 * advisory lock on a dedicated connection elects the leader (another replica stands by and takes
 * over when that connection dies), and the same connection LISTENs on a channel, so work that a
 * commit made available starts without waiting for a poll interval. The outbox relay and the
 * exchange's webhook dispatcher both run this way.
 *
 * <p>A leader that is frozen rather than dead (SIGSTOP, a stalled VM) keeps its session and so
 * its lock: a {@link LeaderLease} renewed every second from a thread of its own lets a standby
 * see that and end the frozen session after {@link #LEASE}, then lead. On any failure the
 * connection goes back to the pool without its LISTEN and lock.
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
    private volatile int leaderPid;
    private final LeaderLease lease;
    private ScheduledExecutorService renewer;
    private Thread thread;

    /**
     * How long a round waits after a notification before it starts, so that it finds the work of
     * several commits: under load the rounds take batches instead of one row each; alone, an
     * event waits this much longer before it leaves.
     */
    static final Duration GATHER = Duration.ofMillis(5);

    /** How long a leader may go without renewing before a standby ends its session. */
    static final Duration LEASE = Duration.ofSeconds(5);

    public NotifiedLeaderLoop(DataSource dataSource, long lockKey, String channel, String name, Round round) {
        this.dataSource = dataSource;
        this.lockKey = lockKey;
        this.channel = channel;
        this.name = name;
        this.round = round;
        this.lease = new LeaderLease(dataSource, lockKey, name, LEASE);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-lease");
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleWithFixedDelay(this::renewLease, 1, 1, TimeUnit.SECONDS);
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
                try {
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
                        PGNotification[] woken = pg.getNotifications(waitMillis);
                        if (woken != null && woken.length > 0) {
                            // let the commits of concurrent writers join this round: one round for
                            // many commits instead of one per commit
                            Thread.sleep(GATHER.toMillis());
                        }
                    }
                } finally {
                    leader = false;
                    leaderPid = 0;
                    release(listen);
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("%s failed, retrying in %d ms: %s", name, backoff, e.toString());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 5_000);
                }
            }
        }
        leader = false;
    }

    /**
     * Gives the connection back to the pool clean: no LISTEN and no advisory lock may follow it
     * to its next borrower (a lock that leaked into the pool would keep every other replica from
     * leading, held by a connection nobody uses). One that cannot be cleaned (its session is
     * gone) is aborted, so the pool drops it.
     */
    private static void release(Connection listen) {
        try (Statement s = listen.createStatement()) {
            s.execute("unlisten *");
            s.execute("select pg_advisory_unlock_all()");
        } catch (SQLException e) {
            try {
                listen.abort(Runnable::run);
            } catch (SQLException ignored) {
                // already gone: nothing of it can follow into the pool
            }
        }
    }

    /** Renews the lease of this replica while it leads; runs on its own thread, so a long round never lets it lapse. */
    private void renewLease() {
        int pid = leaderPid;
        if (pid == 0) {
            return;
        }
        try {
            if (!lease.renew(pid)) {
                LOG.warnf("%s: another replica has claimed the lease", name);
            }
        } catch (SQLException e) {
            LOG.debugf("%s: lease not renewed: %s", name, e.toString());
        }
    }

    private boolean becomeLeader(Connection listen) throws SQLException {
        try (PreparedStatement ps = listen.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, lockKey);
            while (running) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        leaderPid = lease.claim(listen);
                        leader = true;
                        return true;
                    }
                }
                OptionalInt ended = lease.endStaleHolder(listen);
                if (ended.isPresent()) {
                    LOG.warnf(
                            "%s: the leader (backend %d) renewed no lease for %s: ended its session to take over",
                            name, ended.getAsInt(), LEASE);
                    sleep(200); // the ended session lets go of the lock as it exits
                    continue;
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
        if (renewer != null) {
            renewer.shutdownNow();
        }
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
