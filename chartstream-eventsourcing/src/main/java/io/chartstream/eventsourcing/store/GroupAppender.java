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
 * Group commit for appends that must be durable before their caller answers but need no
 * decision on the stream's state (an audit record of a read, for example). Callers on many
 * threads hand in one event each and wait; one committer thread appends whatever has gathered
 * meanwhile in a single transaction ({@link JdbcEventStore#appendEach}) and then releases them
 * all. Under load, one commit serves many callers; alone, a caller waits for one commit as
 * before. A caller learns of a failure (or of no commit within its timeout) by an {@link
 * EventStoreException}; a timed-out event may still commit later, which records more, never less.
 */
public final class GroupAppender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupAppender.class);

    private record Waiting(JdbcEventStore.StreamEvent event, CompletableFuture<Void> committed) {}

    private final DataSource dataSource;
    private final JdbcEventStore store;
    private final int maxBatch;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean running = true;

    public GroupAppender(DataSource dataSource, JdbcEventStore store, String name, int maxBatch) {
        this.dataSource = dataSource;
        this.store = store;
        this.maxBatch = maxBatch;
        this.committer = new Thread(this::run, name);
        this.committer.setDaemon(true);
        this.committer.start();
    }

    /**
     * Appends the event and returns once it is committed.
     *
     * @throws EventStoreException when the commit failed or did not happen within {@code timeout}
     */
    public void append(JdbcEventStore.StreamEvent event, Duration timeout) {
        if (!running) {
            throw new EventStoreException("the group appender is closed", null);
        }
        Waiting waiting = new Waiting(event, new CompletableFuture<>());
        queue.add(waiting);
        try {
            waiting.committed().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof EventStoreException ese
                    ? ese
                    : new EventStoreException("could not append to " + event.streamId(), e.getCause());
        } catch (TimeoutException e) {
            throw new EventStoreException("no commit of " + event.streamId() + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("interrupted while appending to " + event.streamId(), e);
        }
    }

    private void run() {
        List<Waiting> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Waiting first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
                batch.forEach(w -> w.committed().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | SQLException e) {
                LOG.warnf("could not commit %d appends: %s", batch.size(), e.toString());
                EventStoreException failure = e instanceof EventStoreException ese
                        ? ese
                        : new EventStoreException("could not commit " + batch.size() + " appends", e);
                batch.forEach(w -> w.committed().completeExceptionally(failure));
            } finally {
                batch.clear();
            }
        }
        EventStoreException closed = new EventStoreException("the group appender is closed", null);
        queue.forEach(w -> w.committed().completeExceptionally(closed));
    }

    private void commit(List<Waiting> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                store.appendEach(c, batch.stream().map(Waiting::event).toList());
                c.commit();
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
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
