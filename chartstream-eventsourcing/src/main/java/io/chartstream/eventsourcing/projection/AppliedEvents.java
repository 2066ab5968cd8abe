package io.chartstream.eventsourcing.projection;

import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A view's {@code applied_event} table, written a batch at a time: recording a batch's events
 * as applied also tells which of them are new, so a redelivered event is left out and changes
 * nothing. Works on the view schema first on the search path, inside the caller's transaction.
 */
final class AppliedEvents {

    private static final String UNIQUE_VIOLATION = "23505";

    private AppliedEvents() {}

    /** Records one event as applied; false when it already was (a duplicate). */
    static boolean claim(Connection c, SourcedEvent event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into applied_event (event_id, source, position) values (?, ?, ?) on conflict do nothing")) {
            ps.setObject(1, event.event().eventId());
            ps.setString(2, event.source());
            ps.setLong(3, event.event().position());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Records the events in one insert-or-skip statement and returns the new ones: each id once,
     * at its first occurrence in the batch.
     */
    static List<SourcedEvent> claim(Connection c, List<SourcedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        Set<UUID> claimed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                insert into applied_event (event_id, source, position)
                select * from unnest(?::uuid[], ?::text[], ?::bigint[])
                on conflict (event_id) do nothing
                returning event_id""")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "uuid",
                            events.stream().map(e -> e.event().eventId()).toArray()));
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "text", events.stream().map(SourcedEvent::source).toArray()));
            ps.setArray(
                    3,
                    c.createArrayOf(
                            "bigint",
                            events.stream().map(e -> e.event().position()).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getObject(1, UUID.class));
                }
            }
        }
        List<SourcedEvent> fresh = new ArrayList<>(claimed.size());
        for (SourcedEvent event : events) {
            if (claimed.remove(event.event().eventId())) {
                fresh.add(event);
            }
        }
        return fresh;
    }

    /**
     * As {@link #claim}, for a table that is not expected to hold any of the events yet (a
     * rebuild's shadow: the only duplicates on a topic are the relay's rare re-publications).
     * The batch's first occurrences are copied in with COPY, several times cheaper than
     * insert-or-skip; if one was applied before after all, the copy fails on the primary key,
     * is rolled back to its savepoint, and the batch is claimed the careful way.
     */
    static List<SourcedEvent> claimMostlyNew(Connection c, List<SourcedEvent> events) throws SQLException {
        Set<UUID> seen = new HashSet<>();
        List<SourcedEvent> firsts = new ArrayList<>(events.size());
        StringBuilder rows = new StringBuilder(events.size() * 64);
        for (SourcedEvent event : events) {
            if (seen.add(event.event().eventId())) {
                firsts.add(event);
                rows.append(event.event().eventId())
                        .append('\t')
                        .append(copyText(event.source()))
                        .append('\t')
                        .append(event.event().position())
                        .append('\n');
            }
        }
        if (firsts.isEmpty()) {
            return firsts;
        }
        ViewSchema.execute(c, "savepoint copy_applied");
        try {
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy applied_event (event_id, source, position) from stdin",
                            new StringReader(rows.toString()));
            ViewSchema.execute(c, "release savepoint copy_applied");
            return firsts;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            ViewSchema.execute(c, "rollback to savepoint copy_applied");
            return claim(c, events);
        } catch (IOException e) {
            throw new SQLException("could not copy applied event ids", e);
        }
    }

    /** Escapes a value for COPY's text format. */
    private static String copyText(String value) {
        return value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r");
    }
}
