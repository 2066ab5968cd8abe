package io.chartstream.eventsourcing.outbox;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Deletes outbox rows that Kafka acknowledged, on its own thread and connection, so that the
 * relay reads and sends the next events while the delete runs: under load a delete sometimes
 * takes tens of milliseconds, and every event committed meanwhile would wait for it. Until a
 * delete committed its positions are {@link #inFlight() in flight}, and the relay's reads skip
 * them. If a delete fails, its rows are released: the relay publishes them again (consumers
 * deduplicate by event id) and deletes them after that ack.
 */
final class AckedRows implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AckedRows.class);

    private final DataSource dataSource;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService deleter;

    AckedRows(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.deleter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-delete");
            t.setDaemon(true);
            return t;
        });
    }

    /** Acknowledged positions whose delete has not committed yet. */
    Long[] inFlight() {
        return inFlight.toArray(Long[]::new);
    }

    /** Deletes the rows of acknowledged positions, soon, on the deleter thread. */
    void delete(List<Long> positions) {
        inFlight.addAll(positions);
        deleter.execute(() -> {
            try {
                deleteNow(positions.toArray(Long[]::new));
            } catch (SQLException e) {
                LOG.warnf(
                        "could not delete %d published outbox rows, they will be published again: %s",
                        positions.size(), e);
            } finally {
                positions.forEach(inFlight::remove);
            }
        });
    }

    /**
     * The delete need not wait for its own WAL flush: if it is lost in a crash, the rows are
     * published again and consumers deduplicate by event id. It saves an fsync per batch, which
     * the writers' commits compete for.
     */
    private void deleteNow(Long[] positions) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement async = c.prepareStatement("set local synchronous_commit = off");
                    PreparedStatement ps = c.prepareStatement("delete from es_outbox where position = any(?)")) {
                async.execute();
                ps.setArray(1, c.createArrayOf("bigint", positions));
                ps.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Lets the deletes already queued finish (briefly), then stops the deleter. */
    @Override
    public void close() {
        deleter.shutdown();
        try {
            deleter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
