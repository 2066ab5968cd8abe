package io.chartstream.eventsourcing.projection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Read-your-writes over an eventually consistent view: a write answers with the position it
 * produced ({@code <source>/<position>}); a read that passes it waits, bounded, until the view
 * has applied exactly that event.
 */
public final class ViewConsistency {

    private ViewConsistency() {}

    public record Position(String source, long position) {

        /** Parses {@code patient-service/42}. */
        public static Position parse(String token) {
            int slash = token == null ? -1 : token.lastIndexOf('/');
            if (slash <= 0 || slash == token.length() - 1) {
                throw new IllegalArgumentException("a position reads <source>/<number>, e.g. patient-service/42");
            }
            try {
                return new Position(token.substring(0, slash), Long.parseLong(token.substring(slash + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a position reads <source>/<number>, e.g. patient-service/42");
            }
        }

        @Override
        public String toString() {
            return source + "/" + position;
        }
    }

    public static boolean hasApplied(DataSource dataSource, String schema, Position position) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select 1 from " + schema + ".applied_event where source = ? and position = ?")) {
            ps.setString(1, position.source());
            ps.setLong(2, position.position());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Waits until the view applied the position; false when {@code timeout} passed first. */
    public static boolean awaitApplied(DataSource dataSource, String schema, Position position, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        while (true) {
            if (hasApplied(dataSource, schema, position)) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 50);
        }
    }
}
