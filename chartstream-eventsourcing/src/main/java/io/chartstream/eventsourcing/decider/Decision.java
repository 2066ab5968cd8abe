package io.chartstream.eventsourcing.decider;

import java.util.List;

/**
 * What a command decided on a stream, before anything is written: the state it was decided on,
 * at {@code version} (the expected version of the append), and the new events.
 */
public record Decision<S, E>(String streamId, long version, S state, List<E> events) {

    public Decision {
        events = List.copyOf(events);
    }

    public boolean changesNothing() {
        return events.isEmpty();
    }
}
