package io.chartstream.eventsourcing.projection;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.eventsourcing.cloudevents.ChartStreamCloudEvents;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.tracing.TraceContext;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/** Applies one Kafka record to a view schema, once: the step the live runner, rebuild and redrive share. */
final class EventApplier {

    /** SQL states worth retrying: lost connection, serialization failure or deadlock, shutdown. */
    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "40", "53", "57");

    private final Projection projection;

    EventApplier(Projection projection) {
        this.projection = projection;
    }

    /** Applies the record inside the caller's transaction on {@code schema}; null for a duplicate. */
    SourcedEvent apply(Connection c, String schema, ConsumerRecord<String, byte[]> record) throws Exception {
        ViewSchema.useSchema(c, schema);
        SourcedEvent event = decode(record);
        if (!AppliedEvents.claim(c, event)) {
            return null;
        }
        try (Scope trace =
                TraceContext.continueTrace(event.event().metadata().traceparent(), "apply " + projection.name())) {
            projection.apply(c, event);
        }
        return event;
    }

    static SourcedEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            return ChartStreamCloudEvents.toSourcedEvent(record);
        } catch (RuntimeException e) {
            throw new PoisonEventException("not a ChartStream CloudEvent: " + e.getMessage(), e);
        }
    }

    static String eventIdOf(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader(CloudEventHeaders.ID);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** True when the failure is the database's, not the event's: retry rather than dead-letter. */
    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && TRANSIENT_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }
}
