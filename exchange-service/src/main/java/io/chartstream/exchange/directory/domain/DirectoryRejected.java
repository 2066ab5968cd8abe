package io.chartstream.exchange.directory.domain;

/** A change the directory refuses, with the reason the edge turns into a status. */
public class DirectoryRejected extends RuntimeException {

    public enum Reason {
        /** Not one of {@link DirectoryTypes#ALL}. */
        UNKNOWN_TYPE,
        /** A create under an id that is taken (ids are server-assigned UUIDs: a bug or a replay). */
        ALREADY_RECORDED,
        NOT_FOUND,
        /** The caller's If-Match is not the current version. */
        VERSION_MISMATCH,
        /** An update may not turn a resource into another type. */
        TYPE_CHANGED
    }

    private final Reason reason;

    public DirectoryRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
