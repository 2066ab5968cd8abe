package io.chartstream.exchange.subscription.infrastructure;

import io.chartstream.exchange.subscription.domain.DeliveryCursor;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code webhook_delivery}: each organization's delivery cursor, durable across restarts. */
@ApplicationScoped
public class DeliveryTable {

    /** An organization's webhook and where its delivery stands. */
    public record Target(String organization, String url, String secret, DeliveryCursor cursor) {}

    private final DataSource dataSource;

    public DeliveryTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Organizations with a webhook, a feed event beyond their cursor, and no retry pending later
     * than {@code now}. Each organization's feed end is one index lookup (max of its stream): the
     * dispatcher asks after every commit, so this must never scan the event store.
     */
    public List<String> due(Instant now) throws SQLException {
        List<String> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                select o.org_id from organization o left join webhook_delivery d on d.organization = o.org_id
                where o.webhook_url is not null
                  and (d.next_attempt_at is null or d.next_attempt_at <= ?)
                  and coalesce(d.delivered, 0) < (select coalesce(max(e.stream_version), 0) from es_event e
                                                   where e.stream_id = 'feed-' || o.org_id)""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
        }
        return due;
    }

    public Optional<Target> target(String organization) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                select o.webhook_url, o.webhook_secret, coalesce(d.delivered, 0), coalesce(d.failed_attempts, 0),
                       d.next_attempt_at, d.failing_since
                from organization o left join webhook_delivery d on d.organization = o.org_id
                where o.org_id = ? and o.webhook_url is not null""")) {
            ps.setString(1, organization);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp nextAttempt = rs.getTimestamp(5);
                Instant next = nextAttempt == null ? Instant.EPOCH : nextAttempt.toInstant();
                return Optional.of(new Target(
                        organization,
                        rs.getString(1),
                        rs.getString(2),
                        new DeliveryCursor(rs.getLong(3), rs.getInt(4), next, instantOrNull(rs.getTimestamp(6)))));
            }
        }
    }

    /**
     * Saves the cursor without waiting for the WAL flush: an acknowledgement lost to a database
     * crash only means that notification is sent again (same bytes, same event number), which a
     * receiver must tolerate anyway; in exchange a delivery costs no fsync.
     */
    public void save(String organization, DeliveryCursor cursor, Integer lastStatus, String lastError)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    PreparedStatement ps = c.prepareStatement("""
                    insert into webhook_delivery (organization, delivered, failed_attempts, next_attempt_at, last_status, last_error,
                        failing_since, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, now())
                    on conflict (organization) do update set delivered = excluded.delivered,
                        failed_attempts = excluded.failed_attempts, next_attempt_at = excluded.next_attempt_at,
                        last_status = excluded.last_status, last_error = excluded.last_error,
                        failing_since = excluded.failing_since, updated_at = now()""")) {
                s.execute("set local synchronous_commit = off");
                ps.setString(1, organization);
                ps.setLong(2, cursor.delivered());
                ps.setInt(3, cursor.failedAttempts());
                ps.setTimestamp(4, Timestamp.from(cursor.nextAttemptAt()));
                ps.setObject(5, lastStatus);
                ps.setString(6, lastError);
                ps.setTimestamp(7, cursor.failingSince() == null ? null : Timestamp.from(cursor.failingSince()));
                ps.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Subscriptions whose receiver has failed for at least {@code errorAfter} (in error), for the HIE's alert. */
    public long inError(Duration errorAfter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from webhook_delivery where failing_since <= now() - make_interval(secs => ?)")) {
            ps.setDouble(1, errorAfter.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private static Instant instantOrNull(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
