package io.chartstream.exchange.subscription.infrastructure;

import io.chartstream.exchange.subscription.domain.DeliveryCursor;

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

/**
 * Where each organization's delivery over one channel stands ({@code webhook_delivery} for
 * webhooks, {@code hl7_delivery} for the HL7 v2 feed), durable across restarts, and where that
 * channel sends to ({@link #webhooks}, {@link #hl7Feeds}).
 */
public final class DeliveryTable {

    /** An organization's endpoint on this channel ({@code secret}: the webhook's, null for HL7) and where its delivery stands. */
    public record Target(String organization, String address, String secret, DeliveryCursor cursor) {}

    /**
     * A channel's tables. {@code endpoints} is a query of {@code (org_id, address, secret)}, one row
     * per organization that asked for the channel; both are constants of this class, never input.
     */
    private record Channel(String deliveryTable, String endpoints) {}

    private static final Channel WEBHOOKS = new Channel(
            "webhook_delivery",
            "select org_id, webhook_url as address, webhook_secret as secret from organization"
                    + " where webhook_url is not null");
    private static final Channel HL7_FEEDS = new Channel(
            "hl7_delivery", "select organization as org_id, endpoint as address, null::text as secret from hl7_feed");

    private final DataSource dataSource;
    private final Channel channel;

    private DeliveryTable(DataSource dataSource, Channel channel) {
        this.dataSource = dataSource;
        this.channel = channel;
    }

    /** Deliveries to organizations' webhooks. */
    public static DeliveryTable webhooks(DataSource dataSource) {
        return new DeliveryTable(dataSource, WEBHOOKS);
    }

    /** Deliveries of organizations' feeds as HL7 v2 over MLLP. */
    public static DeliveryTable hl7Feeds(DataSource dataSource) {
        return new DeliveryTable(dataSource, HL7_FEEDS);
    }

    /**
     * Organizations with an endpoint on this channel, a feed event beyond their cursor, and no retry pending later
     * than {@code now}. Each organization's feed end is one index lookup (max of its stream): the
     * dispatcher asks after every commit, so this must never scan the event store.
     */
    public List<String> due(Instant now) throws SQLException {
        List<String> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("""
                select o.org_id from (%s) o left join %s d on d.organization = o.org_id
                where (d.next_attempt_at is null or d.next_attempt_at <= ?)
                  and coalesce(d.delivered, 0) < (select coalesce(max(e.stream_version), 0) from es_event e
                                                   where e.stream_id = 'feed-' || o.org_id)""".formatted(channel.endpoints(), channel.deliveryTable()))) {
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
                PreparedStatement ps =
                        c.prepareStatement("""
                select o.address, o.secret, coalesce(d.delivered, 0), coalesce(d.failed_attempts, 0),
                       d.next_attempt_at, d.failing_since
                from (%s) o left join %s d on d.organization = o.org_id
                where o.org_id = ?""".formatted(channel.endpoints(), channel.deliveryTable()))) {
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
                    insert into %s (organization, delivered, failed_attempts, next_attempt_at, last_status, last_error,
                        failing_since, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, now())
                    on conflict (organization) do update set delivered = excluded.delivered,
                        failed_attempts = excluded.failed_attempts, next_attempt_at = excluded.next_attempt_at,
                        last_status = excluded.last_status, last_error = excluded.last_error,
                        failing_since = excluded.failing_since, updated_at = now()""".formatted(channel.deliveryTable()))) {
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

    /** Organizations whose endpoint has failed for at least {@code errorAfter} (in error), for the HIE's alert. */
    public long inError(Duration errorAfter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from " + channel.deliveryTable()
                        + " where failing_since <= now() - make_interval(secs => ?)")) {
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
