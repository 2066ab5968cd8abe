package io.chartstream.eventsourcing.decider;

import io.chartstream.eventsourcing.store.RecordedEvent;

import java.util.List;

/**
 * A command carried out: the state before and after, the new events as the domain sees them and
 * as they were recorded (same order), and the stream version after the append.
 */
public record Handled<S, E>(S before, S after, List<E> events, List<RecordedEvent> recorded, long streamVersion) {

    public Handled {
        events = List.copyOf(events);
        recorded = List.copyOf(recorded);
    }

    public boolean changedNothing() {
        return events.isEmpty();
    }

    /** The global position of the last new event; 0 when nothing was appended. */
    public long position() {
        return recorded.isEmpty() ? 0 : recorded.get(recorded.size() - 1).position();
    }
}
