package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Appends audit records for the channels that are not events of their own (feed records,
 * webhook notifications, {@code $events} answers): in the caller's transaction when it has one
 * (the feed record commits with the feed event), else in a transaction of its own.
 */
@ApplicationScoped
public class AuditAppender {

    private final DataSource dataSource;
    private final AuditChain chain;

    public AuditAppender(DataSource dataSource, AuditKey key) {
        this.dataSource = dataSource;
        this.chain = new AuditChain(key.bytes());
    }

    /** In the caller's transaction. */
    public void append(Connection c, AuditEntry entry) throws SQLException {
        AuditLog.append(c, chain, entry);
    }

    /** In a transaction of its own; all or none. */
    public void append(List<AuditEntry> entries) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (AuditEntry entry : entries) {
                    AuditLog.append(c, chain, entry);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
