package io.chartstream.eventsourcing.runtime;

import io.chartstream.eventsourcing.outbox.OutboxWakeUp;
import io.chartstream.eventsourcing.store.OutboxNotice;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * In a JTA transaction (every service's {@code @Transactional} writes), the outbox's listeners are
 * told after the commit by {@link OutboxWakeUp}, and the trigger does not NOTIFY in the transaction;
 * a writer outside one (its own commits, auto-commit) keeps the trigger's NOTIFY, because only JTA
 * says when it committed.
 */
final class AfterCommitNotice implements OutboxNotice {

    private static final Object KEY = AfterCommitNotice.class;

    private final TransactionSynchronizationRegistry transactions;
    private final OutboxWakeUp wakeUp;

    AfterCommitNotice(TransactionSynchronizationRegistry transactions, OutboxWakeUp wakeUp) {
        this.transactions = transactions;
        this.wakeUp = wakeUp;
    }

    @Override
    public void beforeInsert(Connection connection) throws SQLException {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE
                || connection.getAutoCommit()
                || transactions.getResource(KEY) != null) {
            return; // not JTA's connection, or arranged by an earlier append of this transaction
        }
        // the wake-up is arranged before the trigger is told to stay silent, so no commit goes unannounced
        transactions.putResource(KEY, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wakeUp.committed();
                }
            }
        });
        try (PreparedStatement ps =
                connection.prepareStatement("select set_config('chartstream.outbox_notify', 'after-commit', true)")) {
            ps.execute();
        }
    }
}
