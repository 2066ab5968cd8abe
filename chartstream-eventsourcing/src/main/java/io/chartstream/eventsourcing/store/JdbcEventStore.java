package io.chartstream.eventsourcing.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The event store on PostgreSQL. Every method works inside the caller's transaction on the
 * connection it is given: the events, their outbox rows and the caller's own state change
 * commit together or not at all. It never commits or rolls back itself.
 */
public class JdbcEventStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final OutboxNotice notice;

    /** The outbox's trigger NOTIFYs its listeners inside the writer's transaction. */
    public JdbcEventStore() {
        this(OutboxNotice.IN_TRANSACTION);
    }

    /** {@code notice} arranges how the outbox's listeners hear of each writer's events. */
    public JdbcEventStore(OutboxNotice notice) {
        this.notice = notice;
    }

    private static final String INSERT = """
            with ins as (
                insert into es_event (stream_id, stream_version, event_id, event_type, subject, data, metadata)
                select ?, x.v, x.id, x.t, x.s, x.d::jsonb, ?::jsonb
                from unnest(?::bigint[], ?::uuid[], ?::text[], ?::text[], ?::text[]) with ordinality as x(v, id, t, s, d, n)
                order by x.n
                returning position, stream_version, event_id, event_type, subject, data::text, metadata::text, recorded_at
            ), outbox as (
                insert into es_outbox (position, topic) select position, ? from ins
            )
            select position, stream_version, event_id, event_type, subject, data, metadata, recorded_at
            from ins order by stream_version
            """;

    private static final String INSERT_EACH = """
            with ins as (
                insert into es_event (stream_id, stream_version, event_id, event_type, subject, data, metadata)
                select x.st, x.v, x.id, x.t, x.s, x.d::jsonb, x.m::jsonb
                from unnest(?::text[], ?::bigint[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
                    with ordinality as x(st, v, id, t, s, d, m, n)
                order by x.n
                returning position, event_id
            )
            insert into es_outbox (position, topic)
            select ins.position, x.topic from ins join unnest(?::uuid[], ?::text[]) as x(id, topic) on x.id = ins.event_id
            """;

    private static final String SELECT_COLUMNS =
            "select position, stream_id, stream_version, event_id, event_type, subject, data::text, metadata::text, recorded_at from es_event ";

    /**
     * Appends events to a stream after {@code expectedVersion}.
     *
     * @throws StreamConflictException when the stream is not at the expected version, or another
     *                                 transaction appended the same version first
     */
    public AppendResult append(
            Connection connection,
            String streamId,
            long expectedVersion,
            List<NewEvent> events,
            EventMetadata metadata) {
        return append(connection, streamId, expectedVersion, events, metadata, null);
    }

    /**
     * As {@link #append(Connection, String, long, List, EventMetadata)}, but the relay publishes
     * these events to {@code topic} instead of the service's record topic (for example an
     * organization's feed topic).
     */
    public AppendResult append(
            Connection connection,
            String streamId,
            long expectedVersion,
            List<NewEvent> events,
            EventMetadata metadata,
            String topic) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append to " + streamId);
        }
        long current = currentVersion(connection, streamId);
        if (expectedVersion != ExpectedVersion.ANY && current != expectedVersion) {
            throw new StreamConflictException(streamId, expectedVersion, current);
        }
        int n = events.size();
        Long[] versions = new Long[n];
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        String[] subjects = new String[n];
        String[] data = new String[n];
        for (int i = 0; i < n; i++) {
            NewEvent e = events.get(i);
            versions[i] = current + i + 1;
            ids[i] = e.eventId();
            types[i] = e.type();
            subjects[i] = e.subject();
            data[i] = e.data();
        }
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            notice.beforeInsert(connection);
            ps.setString(1, streamId);
            ps.setString(2, MetadataJson.write(metadata));
            ps.setArray(3, connection.createArrayOf("bigint", versions));
            ps.setArray(4, connection.createArrayOf("uuid", ids));
            ps.setArray(5, connection.createArrayOf("text", types));
            ps.setArray(6, connection.createArrayOf("text", subjects));
            ps.setArray(7, connection.createArrayOf("text", data));
            ps.setString(8, topic);
            List<RecordedEvent> recorded = new ArrayList<>(n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recorded.add(new RecordedEvent(
                            rs.getLong(1),
                            streamId,
                            rs.getLong(2),
                            rs.getObject(3, UUID.class),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            MetadataJson.read(rs.getString(7)),
                            rs.getTimestamp(8).toInstant()));
                }
            }
            RecordedEvent last = recorded.get(recorded.size() - 1);
            return new AppendResult(streamId, last.streamVersion(), last.position(), List.copyOf(recorded));
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // Another transaction took this version between our read and our insert.
                throw new StreamConflictException(streamId, expectedVersion, current + 1);
            }
            throw new EventStoreException("could not append to " + streamId, e);
        }
    }

    /** One event for one stream, published to {@code topic} (null: the service's record topic). */
    public record StreamEvent(String streamId, NewEvent event, EventMetadata metadata, String topic) {}

    /**
     * Appends each event at the end of its stream ({@link ExpectedVersion#ANY}), many streams in
     * one statement, in the order given (several events of one stream follow each other). A
     * transaction-scoped advisory lock per stream, taken in stream order, makes concurrent
     * appenders to the same stream wait for each other instead of conflicting; the locks are
     * released when the caller's transaction ends.
     */
    public void appendEach(Connection connection, List<StreamEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String[] streams =
                events.stream().map(StreamEvent::streamId).distinct().sorted().toArray(String[]::new);
        try {
            lockStreams(connection, List.of(streams));
            Map<String, Long> versions = new HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "select s, (select max(stream_version) from es_event where stream_id = s) from unnest(?::text[]) as s")) {
                ps.setArray(1, connection.createArrayOf("text", streams));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        versions.put(rs.getString(1), rs.getLong(2)); // 0 (SQL null) for a new stream
                    }
                }
            }
            int n = events.size();
            String[] streamIds = new String[n];
            Long[] numbers = new Long[n];
            UUID[] ids = new UUID[n];
            String[] types = new String[n];
            String[] subjects = new String[n];
            String[] data = new String[n];
            String[] metadata = new String[n];
            String[] topics = new String[n];
            for (int i = 0; i < n; i++) {
                StreamEvent e = events.get(i);
                streamIds[i] = e.streamId();
                numbers[i] = versions.merge(e.streamId(), 1L, Long::sum);
                ids[i] = e.event().eventId();
                types[i] = e.event().type();
                subjects[i] = e.event().subject();
                data[i] = e.event().data();
                metadata[i] = MetadataJson.write(e.metadata());
                topics[i] = e.topic();
            }
            notice.beforeInsert(connection);
            try (PreparedStatement ps = connection.prepareStatement(INSERT_EACH)) {
                ps.setArray(1, connection.createArrayOf("text", streamIds));
                ps.setArray(2, connection.createArrayOf("bigint", numbers));
                ps.setArray(3, connection.createArrayOf("uuid", ids));
                ps.setArray(4, connection.createArrayOf("text", types));
                ps.setArray(5, connection.createArrayOf("text", subjects));
                ps.setArray(6, connection.createArrayOf("text", data));
                ps.setArray(7, connection.createArrayOf("text", metadata));
                ps.setArray(8, connection.createArrayOf("uuid", ids));
                ps.setArray(9, connection.createArrayOf("text", topics));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new EventStoreException("could not append to " + streams.length + " streams", e);
        }
    }

    /**
     * Takes a transaction-scoped advisory lock per stream, in stream order, so that writers of
     * several streams wait for each other instead of deadlocking; a writer that locks before it
     * reads then decides on the state the previous writer committed. Released when the caller's
     * transaction ends; taking one again in the same transaction does not wait.
     */
    public void lockStreams(Connection connection, Collection<String> streamIds) {
        String[] streams = streamIds.stream().distinct().sorted().toArray(String[]::new);
        try (PreparedStatement ps =
                connection.prepareStatement("select count(pg_advisory_xact_lock(hashtextextended(s, 0)))"
                        + " from (select s from unnest(?::text[]) as s order by s) as sorted")) {
            ps.setArray(1, connection.createArrayOf("text", streams));
            ps.execute();
        } catch (SQLException e) {
            throw new EventStoreException("could not lock " + streams.length + " streams", e);
        }
    }

    /** The stream's current version; 0 when it has no events. */
    public long currentVersion(Connection connection, String streamId) {
        try (PreparedStatement ps = connection.prepareStatement(
                "select coalesce(max(stream_version), 0) from es_event where stream_id = ?")) {
            ps.setString(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new EventStoreException("could not read the version of " + streamId, e);
        }
    }

    /** The stream's events after {@code afterVersion}, in version order. */
    public List<RecordedEvent> load(Connection connection, String streamId, long afterVersion) {
        return query(
                connection,
                SELECT_COLUMNS + "where stream_id = ? and stream_version > ? order by stream_version",
                ps -> {
                    ps.setString(1, streamId);
                    ps.setLong(2, afterVersion);
                });
    }

    /** Up to {@code limit} events of all streams after {@code afterPosition}, in position order. */
    public List<RecordedEvent> readAll(Connection connection, long afterPosition, int limit) {
        return query(connection, SELECT_COLUMNS + "where position > ? order by position limit ?", ps -> {
            ps.setLong(1, afterPosition);
            ps.setInt(2, limit);
        });
    }

    public void saveSnapshot(Connection connection, Snapshot snapshot) {
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into es_snapshot (stream_id, stream_version, snapshot_type, state) values (?, ?, ?, ?::jsonb)
                on conflict (stream_id) do update set stream_version = excluded.stream_version,
                    snapshot_type = excluded.snapshot_type, state = excluded.state, taken_at = now()
                where es_snapshot.stream_version < excluded.stream_version
                """)) {
            ps.setString(1, snapshot.streamId());
            ps.setLong(2, snapshot.streamVersion());
            ps.setString(3, snapshot.snapshotType());
            ps.setString(4, snapshot.state());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventStoreException("could not save a snapshot of " + snapshot.streamId(), e);
        }
    }

    public Optional<Snapshot> loadSnapshot(Connection connection, String streamId) {
        try (PreparedStatement ps = connection.prepareStatement(
                "select stream_version, snapshot_type, state::text from es_snapshot where stream_id = ?")) {
            ps.setString(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Snapshot(streamId, rs.getLong(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new EventStoreException("could not load the snapshot of " + streamId, e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static List<RecordedEvent> query(Connection connection, String sql, Binder binder) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            List<RecordedEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new RecordedEvent(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getObject(4, UUID.class),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            MetadataJson.read(rs.getString(8)),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new EventStoreException("could not read events", e);
        }
    }
}
