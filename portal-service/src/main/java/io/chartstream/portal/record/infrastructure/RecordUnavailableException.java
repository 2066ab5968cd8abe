package io.chartstream.portal.record.infrastructure;

/** The view could not be read (the database is down or busy): a retry may succeed. */
public class RecordUnavailableException extends RuntimeException {

    public RecordUnavailableException(Throwable cause) {
        super("the record view cannot be read right now", cause);
    }
}
