package io.chartstream.eventsourcing.projection;

import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of records in the caller's transaction. The fast path looks up the batch's
 * event ids once, applies the new ones, and records them and the partitions' next offsets in
 * bulk. If any event is refused, the batch rolls back to its start and goes again one event at a
 * time with a savepoint each: the refused event is rolled back alone and recorded as dead, the
 * rest still applies. A database failure (transient) aborts the whole batch so the caller can
 * retry it.
 */
final class BatchApplier {

    record Refused(ConsumerRecord<String, byte[]> record, Exception error) {
    }

    record Result(int applied, long lastAppliedPosition, List<Refused> refused) {
    }

    private final Projection projection;
    private final EventApplier applier;

    BatchApplier(Projection projection) {
        this.projection = projection;
        this.applier = new EventApplier(projection);
    }

    Result apply(Connection c, String schema, List<ConsumerRecord<String, byte[]>> batch) throws Exception {
        if (batch.isEmpty()) {
            return new Result(0, -1, List.of());
        }
        ViewSchema.useSchema(c, schema);
        execute(c, "savepoint batch");
        try {
            Result result = fastPath(c, batch);
            execute(c, "release savepoint batch");
            return result;
        } catch (Exception e) {
            if (EventApplier.isTransient(e)) {
                throw e;
            }
            execute(c, "rollback to savepoint batch");
            ViewSchema.useSchema(c, schema);
            return oneByOne(c, schema, batch);
        }
    }

    private Result fastPath(Connection c, List<ConsumerRecord<String, byte[]>> batch) throws Exception {
        List<SourcedEvent> events = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            events.add(EventApplier.decode(record));
        }
        Set<UUID> seen = alreadyApplied(c, events);
        List<SourcedEvent> fresh = new ArrayList<>();
        for (SourcedEvent event : events) {
            if (seen.add(event.event().eventId())) {
                projection.apply(c, event);
                fresh.add(event);
            }
        }
        markApplied(c, fresh);
        advance(c, batch);
        long last = fresh.isEmpty() ? -1 : fresh.get(fresh.size() - 1).event().position();
        return new Result(fresh.size(), last, List.of());
    }

    private Result oneByOne(Connection c, String schema, List<ConsumerRecord<String, byte[]>> batch) throws Exception {
        int applied = 0;
        long lastPosition = -1;
        List<Refused> refused = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            execute(c, "savepoint event");
            try {
                SourcedEvent event = applier.apply(c, schema, record);
                execute(c, "release savepoint event");
                if (event != null) {
                    applied++;
                    lastPosition = event.event().position();
                }
            } catch (Exception e) {
                if (EventApplier.isTransient(e)) {
                    throw e;
                }
                execute(c, "rollback to savepoint event");
                ViewSchema.useSchema(c, schema);
                ViewSchema.recordDeadLetter(c, record, EventApplier.eventIdOf(record), String.valueOf(e.getMessage()));
                refused.add(new Refused(record, e));
            }
        }
        advance(c, batch);
        return new Result(applied, lastPosition, refused);
    }

    private static Set<UUID> alreadyApplied(Connection c, List<SourcedEvent> events) throws SQLException {
        UUID[] ids = events.stream().map(e -> e.event().eventId()).toArray(UUID[]::new);
        Set<UUID> applied = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select event_id from applied_event where event_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return applied;
    }

    private static void markApplied(Connection c, List<SourcedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into applied_event (event_id, source, position)
                select * from unnest(?::uuid[], ?::text[], ?::bigint[])""")) {
            ps.setArray(1, c.createArrayOf("uuid", events.stream().map(e -> e.event().eventId()).toArray()));
            ps.setArray(2, c.createArrayOf("text", events.stream().map(SourcedEvent::source).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", events.stream().map(e -> e.event().position()).toArray()));
            ps.executeUpdate();
        }
    }

    /** Records each partition's next offset once per batch: the highest offset seen, plus one. */
    private static void advance(Connection c, List<ConsumerRecord<String, byte[]>> batch) throws SQLException {
        Map<String, ConsumerRecord<String, byte[]>> last = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            last.merge(record.topic() + "/" + record.partition(), record, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        for (ConsumerRecord<String, byte[]> record : last.values()) {
            ViewSchema.advance(c, record);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
