package io.chartstream.eventsourcing.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Who tells the outbox's listeners (the relay, the exchange's deliveries, in any replica) that a
 * transaction put events in the outbox. By default the outbox's trigger NOTIFYs inside the writer's
 * transaction. A NOTIFY makes PostgreSQL take one lock for the whole database at commit and hold it
 * until the commit is flushed, so every notifying writer commits one after the other, each waiting
 * for its own WAL flush: with commits waiting for the flush, that single file is where registrations
 * queue (docs/decisions.md §38). A notice that can act after the commit takes the NOTIFY out of the
 * writer's transaction.
 */
@FunctionalInterface
public interface OutboxNotice {

    /**
     * Called before events go into the outbox on {@code connection}, in the writer's transaction:
     * returns when it is arranged that the listeners hear of them after the commit (then the
     * trigger does not NOTIFY in this transaction).
     */
    void beforeInsert(Connection connection) throws SQLException;

    /** The trigger NOTIFYs inside the writer's transaction (the only way for a transaction nobody else sees end). */
    OutboxNotice IN_TRANSACTION = connection -> {};
}
