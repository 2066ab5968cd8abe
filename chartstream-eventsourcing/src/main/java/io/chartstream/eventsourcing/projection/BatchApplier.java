package io.chartstream.eventsourcing.projection;

import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a batch of records in the caller's transaction, one savepoint per record: a refused
 * record is rolled back alone, recorded as dead, and the rest of the batch still applies. A
 * database failure (transient) aborts the whole batch so the caller can retry it.
 */
final class BatchApplier {

    record Refused(ConsumerRecord<String, byte[]> record, Exception error) {
    }

    record Result(int applied, long lastAppliedPosition, List<Refused> refused) {
    }

    private final EventApplier applier;

    BatchApplier(Projection projection) {
        this.applier = new EventApplier(projection);
    }

    Result apply(Connection c, String schema, List<ConsumerRecord<String, byte[]>> batch) throws Exception {
        int applied = 0;
        long lastPosition = -1;
        List<Refused> refused = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            savepoint(c, "savepoint event");
            try {
                SourcedEvent event = applier.apply(c, schema, record);
                savepoint(c, "release savepoint event");
                if (event != null) {
                    applied++;
                    lastPosition = event.event().position();
                }
            } catch (Exception e) {
                if (EventApplier.isTransient(e)) {
                    throw e;
                }
                savepoint(c, "rollback to savepoint event");
                ViewSchema.useSchema(c, schema);
                ViewSchema.recordDeadLetter(c, record, EventApplier.eventIdOf(record), String.valueOf(e.getMessage()));
                refused.add(new Refused(record, e));
            }
            ViewSchema.useSchema(c, schema);
            ViewSchema.advance(c, record);
        }
        return new Result(applied, lastPosition, refused);
    }

    private static void savepoint(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
