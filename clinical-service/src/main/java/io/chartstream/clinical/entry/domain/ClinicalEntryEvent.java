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

    record ObservationRecorded(
            UUID entryId,
            @SubjectId UUID personId,
            String organization,
            String practitioner,
            String resourceType,
            @PersonalData FhirJson resource)
            implements ClinicalEntryEvent {}

    record ConditionRecorded(
            UUID entryId,
            @SubjectId UUID personId,
            String organization,
            String practitioner,
            String resourceType,
            @PersonalData FhirJson resource)
            implements ClinicalEntryEvent {}

    record MedicationRequestRecorded(
            UUID entryId,
            @SubjectId UUID personId,
            String organization,
            String practitioner,
            String resourceType,
            @PersonalData FhirJson resource)
            implements ClinicalEntryEvent {}

    record AllergyIntoleranceRecorded(
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

    /** The "recorded" event of the entry's type. */
    static ClinicalEntryEvent recorded(EntryType type, UUID entryId, UUID personId, Provenance by, FhirJson resource) {
        String org = by.organization();
        String who = by.practitioner();
        String rt = type.resourceType();
        return switch (type) {
            case OBSERVATION -> new ObservationRecorded(entryId, personId, org, who, rt, resource);
            case CONDITION -> new ConditionRecorded(entryId, personId, org, who, rt, resource);
            case MEDICATION_REQUEST -> new MedicationRequestRecorded(entryId, personId, org, who, rt, resource);
            case ALLERGY_INTOLERANCE -> new AllergyIntoleranceRecorded(entryId, personId, org, who, rt, resource);
        };
    }
}
