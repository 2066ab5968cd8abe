package io.chartstream.eventsourcing.projection;

/** An event that no retry will make applicable: it goes to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
