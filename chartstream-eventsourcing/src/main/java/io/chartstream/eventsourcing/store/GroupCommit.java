package io.chartstream.eventsourcing.store;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for writes that must be durable before their caller answers but need no decision
 * on what is already stored (an audit record of a read, for example). Callers on many threads hand
 * in one item each and wait; a committer thread writes whatever has gathered meanwhile in a
 * single transaction ({@link Batch#write}) and then releases them all. Under load, one commit
 * serves many callers; alone, a caller waits for one commit. A caller learns of a failure (or of
 * no commit within its timeout) by an {@link EventStoreException}; a timed-out item may still
 * commit later, which records more, never less.
 *
 * <p>The committer keeps its connection (no pool checkout per group, and the driver's prepared
 * statements stay on it); after a failure it takes a fresh one. A writer that writes a group in
 * one statement may let that statement commit by itself ({@link Commits#STATEMENT}): one round
 * trip to the database per group instead of two.
 */
public final class GroupCommit<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** Writes one gathered batch inside the committer's transaction. */
    @FunctionalInterface
    public interface Batch<T> {
        void write(Connection connection, List<T> items) throws SQLException;
    }

    /** How a group is committed. */
    public enum Commits {
        /** the writer's statements run in one transaction, committed once it returned */
        TRANSACTION,
        /**
         * the writer writes a group in one statement, which commits by itself (auto-commit): no
         * second round trip for the commit; a writer that needs more than one statement to stay
         * correct must not use it
         */
        STATEMENT
    }

    private record Waiting<T>(T item, CompletableFuture<Void> committed) {}

    private final DataSource dataSource;
    private final Batch<T> batchWriter;
    private final String name;
    private final int maxBatch;
    private final BlockingQueue<Waiting<T>> queue = new LinkedBlockingQueue<>();
    private final Commits commits;
    private final Thread committer;
    private volatile boolean running = true;

    /** Each group in a transaction of its own. */
    public GroupCommit(DataSource dataSource, Batch<T> batchWriter, String name, int maxBatch) {
        this(dataSource, batchWriter, name, maxBatch, Commits.TRANSACTION);
    }

    public GroupCommit(DataSource dataSource, Batch<T> batchWriter, String name, int maxBatch, Commits commits) {
        this.dataSource = dataSource;
        this.batchWriter = batchWriter;
        this.name = name;
        this.maxBatch = maxBatch;
        this.commits = commits;
        this.committer = new Thread(this::run, name);
        this.committer.setDaemon(true);
        this.committer.start();
    }

    /** A submitted item: {@link #await} returns once it is committed. */
    public final class Commit {

        private final CompletableFuture<Void> committed;

        private Commit(CompletableFuture<Void> committed) {
            this.committed = committed;
        }

        /**
         * Returns once the item is committed.
         *
         * @throws EventStoreException when the commit failed or did not happen within {@code timeout}
         */
        public void await(Duration timeout) {
            try {
                committed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof EventStoreException ese
                        ? ese
                        : new EventStoreException(name + " could not commit", e.getCause());
            } catch (TimeoutException e) {
                throw new EventStoreException(name + ": no commit within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventStoreException("interrupted while waiting for " + name, e);
            }
        }
    }

    /**
     * Hands the item to the committer and returns at once, so that the caller can do other work
     * (encode its answer) while the item commits; the caller then {@link Commit#await}s it.
     */
    public Commit submit(T item) {
        if (!running) {
            throw new EventStoreException(name + " is closed", null);
        }
        Waiting<T> waiting = new Waiting<>(item, new CompletableFuture<>());
        queue.add(waiting);
        return new Commit(waiting.committed());
    }

    /**
     * Writes the item and returns once it is committed.
     *
     * @throws EventStoreException when the commit failed or did not happen within {@code timeout}
     */
    public void write(T item, Duration timeout) {
        submit(item).await(timeout);
    }

    private void run() {
        List<Waiting<T>> batch = new ArrayList<>(maxBatch);
        Connection connection = null;
        while (running) {
            try {
                Waiting<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (connection == null) {
                    connection = dataSource.getConnection();
                    connection.setAutoCommit(commits == Commits.STATEMENT);
                }
                batchWriter.write(connection, batch.stream().map(Waiting::item).toList());
                if (commits == Commits.TRANSACTION) {
                    connection.commit();
                }
                batch.forEach(w -> w.committed().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | SQLException e) {
                LOG.warnf("%s could not commit %d writes: %s", name, batch.size(), e.toString());
                EventStoreException failure = e instanceof EventStoreException ese
                        ? ese
                        : new EventStoreException(name + " could not commit " + batch.size() + " writes", e);
                batch.forEach(w -> w.committed().completeExceptionally(failure));
                connection = release(connection); // it may be broken (killed, the server restarted)
            } finally {
                batch.clear();
            }
        }
        release(connection);
        EventStoreException closed = new EventStoreException(name + " is closed", null);
        queue.forEach(w -> w.committed().completeExceptionally(closed));
    }

    /** Rolls back what is open on the connection and returns it to the pool; answers null. */
    private Connection release(Connection connection) {
        try {
            if (connection == null || connection.isClosed()) {
                return null; // killed, or the pool closed it at shutdown
            }
        } catch (SQLException e) {
            return null;
        }
        try (connection) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("%s: releasing its connection: %s", name, e.toString());
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        committer.interrupt();
        try {
            committer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
