package io.chartstream.clinical.entry.domain;

import java.util.UUID;

/** An entry folded from its events: not recorded yet, recorded at a version, or entered in error. */
public sealed interface EntryState {

    /** The stream version: 0 before the first event. */
    long version();

    EntryState UNRECORDED = new Unrecorded();

    record Unrecorded() implements EntryState {
        @Override
        public long version() {
            return 0;
        }
    }

    /** {@code organization} recorded the entry and owns it; {@code resource} is the current version. */
    record Recorded(UUID entryId, UUID personId, EntryType type, long version, String organization, FhirJson resource)
            implements EntryState {}

    /**
     * Withdrawn as entered in error at {@code version}: {@code resource} is the marked last
     * version. Final: no command changes it again.
     */
    record EnteredInError(
            UUID entryId, UUID personId, EntryType type, long version, String organization, FhirJson resource)
            implements EntryState {}
}
