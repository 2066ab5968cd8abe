package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.exchange.audit.domain.AuditChain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How far the audit trail left the database ({@code audit.audit_publication}): the last record
 * published to the SIEM topic and the last head anchored. Read and advanced inside the
 * publisher's transaction, which one replica at a time holds.
 */
final class AuditPublication {

    private static final long PUBLISHER_LOCK = 0x417564_69745075L;

    /** How far it got: the last published and the last anchored sequence. */
    record Progress(long published, long anchored) {}

    private AuditPublication() {}

    /** Whether this transaction is the publisher (a transaction advisory lock; no waiting). */
    static boolean lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, PUBLISHER_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static Progress progress(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "select published_sequence, anchored_sequence from audit.audit_publication where id = 1"
                                + " for update");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Progress(rs.getLong(1), rs.getLong(2));
        }
    }

    /**
     * Up to {@code limit} records after {@code after}, in sequence order, up to the exchange's
     * {@code head} (a row forged past it is never published) and without a gap: a missing record stops
     * the batch before it, so it is never skipped (the verification names it as removed).
     */
    static List<AuditChain.Link> next(Connection c, long after, long head, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + AuditLog.COLUMNS
                + " from audit.audit_log where sequence > ? and sequence <= ? order by sequence limit ?")) {
            ps.setLong(1, after);
            ps.setLong(2, head);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                return contiguous(after, AuditLog.links(rs));
            }
        }
    }

    /** The leading links that follow {@code after} one by one. */
    static List<AuditChain.Link> contiguous(long after, List<AuditChain.Link> links) {
        List<AuditChain.Link> run = new ArrayList<>();
        long expected = after + 1;
        for (AuditChain.Link link : links) {
            if (link.sequence() != expected) {
                break;
            }
            run.add(link);
            expected++;
        }
        return run;
    }

    static void published(Connection c, long sequence) throws SQLException {
        save(c, "published_sequence", sequence);
    }

    static void anchored(Connection c, long sequence) throws SQLException {
        save(c, "anchored_sequence", sequence);
    }

    private static void save(Connection c, String column, long sequence) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("update audit.audit_publication set " + column + " = ? where id = 1")) {
            ps.setLong(1, sequence);
            ps.executeUpdate();
        }
    }
}
