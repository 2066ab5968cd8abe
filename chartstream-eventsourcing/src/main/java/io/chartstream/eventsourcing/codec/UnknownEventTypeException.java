package io.chartstream.eventsourcing.codec;

/** An event type this reader does not know: a contract mismatch, not a transient failure. */
public class UnknownEventTypeException extends RuntimeException {

    public UnknownEventTypeException(String type) {
        super("unknown event type " + type);
    }
}
