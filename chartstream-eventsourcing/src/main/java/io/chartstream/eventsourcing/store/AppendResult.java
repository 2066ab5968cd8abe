package io.chartstream.eventsourcing.store;

import java.util.List;

/** What an append produced: the stream's new version and the global position of its last event. */
public record AppendResult(String streamId, long streamVersion, long position, List<RecordedEvent> events) {}
