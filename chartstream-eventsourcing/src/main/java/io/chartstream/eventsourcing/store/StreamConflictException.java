package io.chartstream.eventsourcing.store;

/**
 * A writer expected a stream version that is no longer current: someone else wrote first.
 * The REST layer answers 409 (or 412 when the expectation came from {@code If-Match}).
 */
public class StreamConflictException extends RuntimeException {

    private final String streamId;
    private final long expectedVersion;
    private final long actualVersion;

    public StreamConflictException(String streamId, long expectedVersion, long actualVersion) {
        super("stream " + streamId + " is at version " + actualVersion + ", the writer expected " + expectedVersion);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long actualVersion() {
        return actualVersion;
    }
}
