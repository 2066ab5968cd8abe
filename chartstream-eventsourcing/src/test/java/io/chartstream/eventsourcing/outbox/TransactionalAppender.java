package io.chartstream.eventsourcing.outbox;

import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.ExpectedVersion;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.NewEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A service's write as every service makes it: one JTA transaction, the events appended on its connection. */
@ApplicationScoped
public class TransactionalAppender {

    private final DataSource dataSource;
    private final JdbcEventStore store;

    public TransactionalAppender(DataSource dataSource, JdbcEventStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    @Transactional
    public void append(String streamId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            store.append(
                    c,
                    streamId,
                    ExpectedVersion.ANY,
                    List.of(NewEvent.of("io.chartstream.test.Happened.v1", streamId, "{}")),
                    new EventMetadata("wake-up-test", null, "test", "test-org"));
        }
    }

    /** Appends, then fails: the transaction rolls back. */
    @Transactional
    public void appendThenFail(String streamId) throws SQLException {
        append(streamId);
        throw new IllegalStateException("the caller's work failed after the append");
    }
}
