package io.chartstream.eventsourcing.projection;

import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.tracing.TraceContext;
import io.opentelemetry.context.Scope;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

/**
 * A view materialized from events. Its tables live in their own PostgreSQL schema
 * ({@link #schema()}); {@link #apply} runs with that schema first on the search path, so the
 * projection names its tables unqualified and the same code fills the live view or a rebuilt
 * one. The runner deduplicates events and records offsets; the projection only changes its view.
 */
public interface Projection {

    /** Stable name, also the Kafka consumer group: {@code [a-z0-9-]+}. */
    String name();

    /** The topics the view is built from. */
    List<String> topics();

    /** Idempotent DDL ({@code create table if not exists ...}) with unqualified names. */
    List<String> schemaDdl();

    /**
     * Applies one event to the view, inside the runner's transaction. Throw to refuse it: the
     * event goes to the dead-letter topic and the partition keeps flowing.
     */
    void apply(Connection connection, SourcedEvent event) throws Exception;

    /**
     * Applies several new events, in order, inside the runner's transaction; the result must be
     * the same as {@link #apply} on each in turn. The default does exactly that. A projection
     * may override it with set-based SQL (one statement for the whole batch) because the live
     * runner and, above all, a rebuild hand it hundreds or thousands of events at once, and a
     * round trip per event is most of their cost. Throwing refuses the batch: the runner rolls
     * it back and applies it again event by event through {@link #apply}, so only the event
     * that is really refused goes to the dead letters.
     */
    default void applyAll(Connection connection, List<SourcedEvent> events) throws Exception {
        for (SourcedEvent event : events) {
            try (Scope trace =
                    TraceContext.continueTrace(event.event().metadata().traceparent(), "apply " + name())) {
                apply(connection, event);
            }
        }
    }

    /**
     * How long the live runner may let events gather before it applies them: zero (the default)
     * applies each as soon as it arrives, as views that answer read-your-writes must. A view
     * nobody waits on (an audit trail, a statistics table) can take a few hundred milliseconds,
     * and then a busy stream costs one transaction per batch instead of one per few events.
     */
    default Duration gatherFor() {
        return Duration.ZERO;
    }

    /** The schema that holds the live view. */
    default String schema() {
        return schemaOf(name());
    }

    static String schemaOf(String name) {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("projection name must be [a-z0-9-]+: " + name);
        }
        return "view_" + name.replace('-', '_');
    }
}
