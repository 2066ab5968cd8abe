package io.chartstream.exchange.gateway.infrastructure;

import io.chartstream.exchange.gateway.domain.IdempotencyRecord;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** {@code idempotent_request}: each statement commits on its own (no transaction spans the owner call). */
@ApplicationScoped
public class IdempotencyTable {

    private final DataSource dataSource;

    public IdempotencyTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims the key for this request; empty when claimed now, else what an earlier request left. */
    public Optional<IdempotencyRecord> claim(String org, String key, String requestHash) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into idempotent_request (organization, idem_key, request_hash) values (?, ?, ?)
                    on conflict do nothing""")) {
                ps.setString(1, org);
                ps.setString(2, key);
                ps.setString(3, requestHash);
                if (ps.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select request_hash, claimed_at, status, content_type, body, etag, location, position
                    from idempotent_request where organization = ? and idem_key = ?""")) {
                ps.setString(1, org);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return claim(org, key, requestHash); // released in between: try again
                    }
                    int status = rs.getInt(3);
                    StoredResponse response = rs.wasNull()
                            ? null
                            : new StoredResponse(
                                    status,
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8));
                    return Optional.of(new IdempotencyRecord(
                            rs.getString(1), response, rs.getTimestamp(2).toInstant()));
                }
            }
        }
    }

    /** Takes over an abandoned claim; false when another request took it first. */
    public boolean takeOver(String org, String key, Instant claimedAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                update idempotent_request set claimed_at = now()
                where organization = ? and idem_key = ? and claimed_at = ? and status is null""")) {
            ps.setString(1, org);
            ps.setString(2, key);
            ps.setTimestamp(3, Timestamp.from(claimedAt));
            return ps.executeUpdate() == 1;
        }
    }

    public void complete(String org, String key, StoredResponse r) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                update idempotent_request set status = ?, content_type = ?, body = ?, etag = ?, location = ?, position = ?
                where organization = ? and idem_key = ?""")) {
            ps.setInt(1, r.status());
            ps.setString(2, r.contentType());
            ps.setString(3, r.body());
            ps.setString(4, r.etag());
            ps.setString(5, r.location());
            ps.setString(6, r.position());
            ps.setString(7, org);
            ps.setString(8, key);
            ps.executeUpdate();
        }
    }

    public void release(String org, String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "delete from idempotent_request where organization = ? and idem_key = ? and status is null")) {
            ps.setString(1, org);
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }

    /**
     * Forgets keys claimed before {@code cutoff}, with the answers they kept (a stored answer is
     * a FHIR resource, PHI: kept no longer than a client's retries need it). Returns how many.
     */
    public int forgetClaimedBefore(Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from idempotent_request where claimed_at < ?")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(cutoff));
            return ps.executeUpdate();
        }
    }
}
