package io.chartstream.eventsourcing.store;

/**
 * The stream version a writer expects to append after. Versions start at 1, so
 * {@link #NO_STREAM} (0) means "the stream must not exist yet" and {@link #ANY} skips the check.
 */
public final class ExpectedVersion {

    public static final long NO_STREAM = 0;
    public static final long ANY = -1;

    private ExpectedVersion() {}
}
