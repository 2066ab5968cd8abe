package io.chartstream.eventsourcing.store;

/**
 * Who caused an event and why: the correlation id follows one user request across services,
 * the causation id names the event or command that caused this one.
 */
public record EventMetadata(String correlationId, String causationId, String actor, String organization) {

    public static EventMetadata none() {
        return new EventMetadata(null, null, null, null);
    }
}
