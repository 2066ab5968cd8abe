package io.chartstream.clinical.entry.domain;

import java.util.UUID;

/** What a caller asks of one clinical entry. */
public sealed interface ClinicalEntryCommand {

    UUID entryId();

    /** Records a new entry about a person. {@code resource} already carries id = entryId and versionId 1. */
    record RecordEntry(UUID entryId, UUID personId, EntryType type, FhirJson resource, Provenance provenance)
            implements ClinicalEntryCommand {}

    /**
     * Replaces the entry with a new version, provided it is still at {@code expectedVersion}
     * (the caller's If-Match). {@code personId} is the subject of the new version.
     */
    record AmendEntry(
            UUID entryId, long expectedVersion, UUID personId, EntryType type, FhirJson resource, Provenance provenance)
            implements ClinicalEntryCommand {}

    /**
     * Withdraws the entry as entered in error (FHIR DELETE). {@code resource} is the version
     * {@code expectedVersion} marked {@code entered-in-error}, so the command holds only while the
     * entry is still at that version. Withdrawing a withdrawn entry again changes nothing.
     */
    record EnterInError(UUID entryId, long expectedVersion, EntryType type, FhirJson resource, Provenance provenance)
            implements ClinicalEntryCommand {}
}
