package io.chartstream.eventsourcing.leader;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * The lease beside a leader's advisory lock ({@code es_leader}): the leader records the backend
 * that holds the lock and renews the row every second; a standby ends a holder whose lease is
 * stale, which is what frees the lock of a frozen leader (its session would hold it forever).
 */
final class LeaderLease {

    private final DataSource dataSource;
    private final long lockKey;
    private final String name;
    private final Duration lease;

    LeaderLease(DataSource dataSource, long lockKey, String name, Duration lease) {
        this.dataSource = dataSource;
        this.lockKey = lockKey;
        this.name = name;
        this.lease = lease;
    }

    /** Records that the backend of {@code holder} (which just took the lock) leads; answers its pid. */
    int claim(Connection holder) throws SQLException {
        try (PreparedStatement ps = holder.prepareStatement("""
                insert into es_leader (lock_key, name, pid, renewed_at) values (?, ?, pg_backend_pid(), now())
                on conflict (lock_key) do update set name = excluded.name, pid = excluded.pid, renewed_at = now()
                returning pid
                """)) {
            ps.setLong(1, lockKey);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Renews the lease of the leader {@code pid}; false when another leader has claimed it since. */
    boolean renew(int pid) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("update es_leader set renewed_at = now() where lock_key = ? and pid = ?")) {
            c.setAutoCommit(true);
            ps.setLong(1, lockKey);
            ps.setInt(2, pid);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Ends the backend that holds the lock when its lease is stale, checked against pg_locks so
     * that a reused pid is never hit; answers the pid ended, if any.
     */
    OptionalInt endStaleHolder(Connection standby) throws SQLException {
        try (PreparedStatement ps = standby.prepareStatement("""
                select h.pid, pg_terminate_backend(h.pid)
                from es_leader h join pg_locks l on l.pid = h.pid
                where h.lock_key = ? and h.renewed_at < now() - make_interval(secs => ?)
                  and l.locktype = 'advisory' and l.granted and l.objsubid = 1
                  and ((l.classid::bigint << 32) | l.objid::bigint) = ?
                """)) {
            ps.setLong(1, lockKey);
            ps.setDouble(2, lease.toMillis() / 1000.0);
            ps.setLong(3, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(2) ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        }
    }
}
