package io.chartstream.clinical.entry.domain;

import io.chartstream.contracts.PersonalData;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * Everything that happens to a clinical entry (stream {@code entry-<entryId>}). Every event
 * carries the whole resource of the version it creates, so a consumer never needs an earlier
 * event to show the entry. The shape is the published contract of docs/events.md.
 */
public sealed interface ClinicalEntryEvent {

    UUID entryId();

    UUID personId();

    String organization();

    String practitioner();

    String resourceType();

    FhirJson resource();

    /** The first version of an entry, of any type ({@code resourceType}). */
    record EntryRecorded(
            UUID entryId,
            @SubjectId UUID personId,
            String organization,
            String practitioner,
            String resourceType,
            @PersonalData FhirJson resource)
            implements ClinicalEntryEvent {}

    /** The entry was replaced by a new version; {@code resource} is that version. */
    record EntryAmended(
            UUID entryId,
            @SubjectId UUID personId,
            String organization,
            String practitioner,
            String resourceType,
            @PersonalData FhirJson resource)
            implements ClinicalEntryEvent {}

    /**
     * The entry was entered in error: withdrawn from the record, never to change again.
     * {@code resource} is its last version marked {@code entered-in-error}; {@code organization}
     * and {@code practitioner} are who withdrew it.
     */
    record EntryEnteredInError(
            UUID entryId,
            @SubjectId UUID personId,
            String organization,
            String practitioner,
            String resourceType,
            @PersonalData FhirJson resource)
            implements ClinicalEntryEvent {}

    /** The "recorded" event of an entry. */
    static ClinicalEntryEvent recorded(EntryType type, UUID entryId, UUID personId, Provenance by, FhirJson resource) {
        return new EntryRecorded(
                entryId, personId, by.organization(), by.practitioner(), type.resourceType(), resource);
    }
}
