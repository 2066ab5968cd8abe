package io.chartstream.eventsourcing.store;

/** The folded state of a stream at a version, stored as JSON with the type name of that state. */
public record Snapshot(String streamId, long streamVersion, String snapshotType, String state) {}
