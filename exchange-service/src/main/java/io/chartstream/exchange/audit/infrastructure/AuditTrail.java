package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.exchange.audit.domain.AuditChain;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the audit trail: searches for auditors and patients, and the chain's verification. */
@ApplicationScoped
public class AuditTrail {

    private static final int VERIFY_PAGE = 1000;

    private final DataSource dataSource;
    private final AuditChain chain;

    public AuditTrail(DataSource dataSource, AuditKey key) {
        this.dataSource = dataSource;
        this.chain = new AuditChain(key.bytes());
    }

    /** A search: every criterion is optional; {@code agent} matches the user or the organization. */
    public record Query(
            UUID patient,
            String agent,
            String entity,
            Instant from,
            Instant before,
            String type,
            String subtype,
            String outcome,
            int count,
            int offset) {}

    public record Page(List<AuditChain.Link> links, long total) {}

    /** Newest first. */
    public Page search(Query q) throws SQLException {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> args = new ArrayList<>();
        criterion(where, args, q.patient(), " and patient = ?");
        if (q.agent() != null) {
            where.append(" and (agent_user = ? or agent_organization = ?)");
            args.add(q.agent());
            args.add(q.agent());
        }
        criterion(where, args, q.entity(), " and ? = any(entities)");
        criterion(where, args, q.from() == null ? null : Timestamp.from(q.from()), " and recorded >= ?");
        criterion(where, args, q.before() == null ? null : Timestamp.from(q.before()), " and recorded < ?");
        criterion(where, args, q.type(), " and type = ?");
        criterion(where, args, q.subtype(), " and subtype = ?");
        criterion(where, args, q.outcome(), " and outcome = ?");
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from audit.audit_log" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select " + AuditLog.COLUMNS + " from audit.audit_log"
                    + where + " order by sequence desc limit ? offset ?")) {
                List<Object> paged = new ArrayList<>(args);
                paged.add(q.count());
                paged.add(q.offset());
                bind(ps, paged);
                try (ResultSet rs = ps.executeQuery()) {
                    return new Page(AuditLog.links(rs), total);
                }
            }
        }
    }

    /** Walks the whole chain from the first record against the exchange's head. */
    public AuditChain.Verification verify() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                AuditChain.Verifier verifier = chain.verifier(AuditLog.headSequence(c));
                long after = Long.MIN_VALUE;
                while (true) {
                    List<AuditChain.Link> page;
                    try (PreparedStatement ps = c.prepareStatement("select " + AuditLog.COLUMNS
                            + " from audit.audit_log where sequence > ? order by sequence limit ?")) {
                        ps.setLong(1, after);
                        ps.setInt(2, VERIFY_PAGE);
                        try (ResultSet rs = ps.executeQuery()) {
                            page = AuditLog.links(rs);
                        }
                    }
                    for (AuditChain.Link link : page) {
                        AuditChain.Broken broken = verifier.next(link);
                        if (broken != null) {
                            return broken;
                        }
                        after = link.sequence();
                    }
                    if (page.size() < VERIFY_PAGE) {
                        return verifier.end();
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static void criterion(StringBuilder where, List<Object> args, Object value, String sql) {
        if (value != null) {
            where.append(sql);
            args.add(value);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
