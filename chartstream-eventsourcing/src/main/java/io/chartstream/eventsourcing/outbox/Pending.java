package io.chartstream.eventsourcing.outbox;

import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An outbox row with its event, as the relay reads it; {@code topic} null means the relay's own. */
record Pending(RecordedEvent event, String topic) {

    /** What orders this event against others: its Kafka key (the subject), else its stream. */
    String orderKey() {
        return event.subject() != null ? event.subject() : event.streamId();
    }

    /**
     * Up to a batch of outbox rows in position order, leaving out those acknowledged but not
     * deleted yet. The outbox drives: each of its rows looks up its event by position (the
     * lateral subquery's {@code offset 0} keeps the planner from joining the other way round,
     * which scanned the whole event store on every round once the outbox's statistics said it
     * was large).
     */
    static List<Pending> read(Connection c, Long[] acknowledged, int batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select e.position, e.stream_id, e.stream_version, e.event_id, e.event_type, e.subject,
                       e.data::text, e.metadata->>'correlationId', e.metadata->>'causationId',
                       e.metadata->>'actor', e.metadata->>'organization', e.recorded_at, o.topic,
                       e.metadata->>'traceparent'
                from es_outbox o
                cross join lateral (select * from es_event e where e.position = o.position offset 0) e
                where not (o.position = any(?)) and %s
                order by o.position limit ?
                """.formatted(ParkedRows.NOT_HELD))) {
            ps.setArray(1, c.createArrayOf("bigint", acknowledged));
            ps.setInt(2, batch);
            List<Pending> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Pending(
                            new RecordedEvent(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getLong(3),
                                    rs.getObject(4, UUID.class),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    new EventMetadata(
                                            rs.getString(8),
                                            rs.getString(9),
                                            rs.getString(10),
                                            rs.getString(11),
                                            rs.getString(14)),
                                    rs.getTimestamp(12).toInstant()),
                            rs.getString(13)));
                }
            }
            return events;
        }
    }
}
