package io.chartstream.eventsourcing.store;

/** The database failed underneath the event store; the caller's transaction must roll back. */
public class EventStoreException extends RuntimeException {

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
