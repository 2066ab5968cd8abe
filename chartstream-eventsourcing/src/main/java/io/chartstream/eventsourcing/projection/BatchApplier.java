package io.chartstream.eventsourcing.projection;

import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a batch of records in the caller's transaction. The fast path records the batch's
 * event ids in one statement that also tells which are new, hands the new ones to the
 * projection's {@link Projection#applyAll bulk hook}, and records the partitions' next offsets in
 * one statement: a handful of round trips per batch, whatever its size. If any event is refused, the batch rolls back to its start and goes again one event at a
 * time with a savepoint each: the refused event is rolled back alone and recorded as dead, the
 * rest still applies. A database failure (transient) aborts the whole batch so the caller can
 * retry it.
 */
final class BatchApplier {

    record Refused(ConsumerRecord<String, byte[]> record, Exception error) {}

    record Result(int applied, long lastAppliedPosition, List<Refused> refused) {}

    private final Projection projection;
    private final EventApplier applier;
    private final boolean mostlyNew;

    /** For a live view, where a batch may repeat events the view already applied. */
    BatchApplier(Projection projection) {
        this(projection, false);
    }

    /**
     * @param mostlyNew true when the view is not expected to hold the batches' events yet (a
     *                  rebuild's shadow), so {@link AppliedEvents#claimMostlyNew} can record them
     */
    BatchApplier(Projection projection, boolean mostlyNew) {
        this.projection = projection;
        this.applier = new EventApplier(projection);
        this.mostlyNew = mostlyNew;
    }

    Result apply(Connection c, String schema, List<ConsumerRecord<String, byte[]>> batch) throws Exception {
        return apply(c, schema, DecodedBatch.of(batch));
    }

    Result apply(Connection c, String schema, DecodedBatch batch) throws Exception {
        if (batch.isEmpty()) {
            return new Result(0, -1, List.of());
        }
        ViewSchema.useSchema(c, schema);
        ViewSchema.execute(c, "savepoint batch");
        try {
            Result result = fastPath(c, batch);
            ViewSchema.execute(c, "release savepoint batch");
            return result;
        } catch (Exception e) {
            if (EventApplier.isTransient(e)) {
                throw e;
            }
            ViewSchema.execute(c, "rollback to savepoint batch");
            ViewSchema.useSchema(c, schema);
            return oneByOne(c, schema, batch.records());
        }
    }

    private Result fastPath(Connection c, DecodedBatch batch) throws Exception {
        if (batch.events() == null) {
            throw new PoisonEventException("a record of the batch is not a ChartStream event", null);
        }
        List<SourcedEvent> fresh =
                mostlyNew ? AppliedEvents.claimMostlyNew(c, batch.events()) : AppliedEvents.claim(c, batch.events());
        projection.applyAll(c, fresh);
        advance(c, batch.records());
        long last = fresh.isEmpty() ? -1 : fresh.get(fresh.size() - 1).event().position();
        return new Result(fresh.size(), last, List.of());
    }

    private Result oneByOne(Connection c, String schema, List<ConsumerRecord<String, byte[]>> batch) throws Exception {
        int applied = 0;
        long lastPosition = -1;
        List<Refused> refused = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            ViewSchema.execute(c, "savepoint event");
            try {
                SourcedEvent event = applier.apply(c, schema, record);
                ViewSchema.execute(c, "release savepoint event");
                if (event != null) {
                    applied++;
                    lastPosition = event.event().position();
                }
            } catch (Exception e) {
                if (EventApplier.isTransient(e)) {
                    throw e;
                }
                ViewSchema.execute(c, "rollback to savepoint event");
                ViewSchema.useSchema(c, schema);
                ViewSchema.recordDeadLetter(c, record, EventApplier.eventIdOf(record), String.valueOf(e.getMessage()));
                refused.add(new Refused(record, e));
            }
        }
        advance(c, batch);
        return new Result(applied, lastPosition, refused);
    }

    /** Records each partition's next offset once per batch: the highest offset seen, plus one. */
    private static void advance(Connection c, List<ConsumerRecord<String, byte[]>> batch) throws SQLException {
        Map<String, ConsumerRecord<String, byte[]>> last = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            last.merge(record.topic() + "/" + record.partition(), record, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        ViewSchema.advance(c, last.values());
    }
}
