package io.chartstream.eventsourcing.store;

import io.chartstream.eventsourcing.tracing.TraceContext;

/**
 * Who caused an event and why: the correlation id follows one user request across services,
 * the causation id names the event or command that caused this one, and the W3C
 * {@code traceparent} ties the event to the trace of the request (or of the applied event) that
 * appended it, so one write can be followed through the services, Kafka, the views and the
 * webhooks.
 */
public record EventMetadata(
        String correlationId, String causationId, String actor, String organization, String traceparent) {

    /** Metadata of an event about to be appended: the trace current on this thread, if any, goes along. */
    public EventMetadata(String correlationId, String causationId, String actor, String organization) {
        this(correlationId, causationId, actor, organization, TraceContext.currentTraceparent());
    }

    public static EventMetadata none() {
        return new EventMetadata(null, null, null, null);
    }
}
