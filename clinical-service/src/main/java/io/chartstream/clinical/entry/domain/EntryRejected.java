package io.chartstream.clinical.entry.domain;

/** A command the entry refuses, with the reason a caller can act on. */
public class EntryRejected extends RuntimeException {

    public enum Reason {
        /** Recording an entry id that already exists. */
        ALREADY_RECORDED,
        /** Amending an entry that does not exist, or exists as another resource type. */
        NOT_FOUND,
        /** The writer's expected version is not the entry's current version: someone wrote first. */
        VERSION_MISMATCH,
        /** The new version is about another person than the entry. */
        SUBJECT_CHANGED,
        /** An organization other than the recording one tried to amend or withdraw the entry. */
        NOT_RECORDING_ORGANIZATION,
        /** Amending an entry that was entered in error: it is withdrawn and changes no more. */
        ENTERED_IN_ERROR
    }

    private final Reason reason;

    public EntryRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
