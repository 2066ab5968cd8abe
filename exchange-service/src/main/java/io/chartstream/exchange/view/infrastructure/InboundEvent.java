package io.chartstream.exchange.view.infrastructure;

import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.access.domain.SharingPolicy;
import io.chartstream.exchange.view.domain.VersionedResource;
import org.hl7.fhir.r4.model.Patient;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What org-views reads from the patient, clinical and exchange record topics (see docs/events.md). */
sealed interface InboundEvent {

    UUID personId();

    /**
     * PatientRegistered or IdentifierLinked: {@code organization} holds an identifier of its own
     * assigning authority for the person (patient-service links only those, at certain confidence),
     * which is a care relationship on the identifier basis.
     */
    record PersonInCare(
            UUID personId, String organization, String identifierSystem, String identifierValue, Patient patient)
            implements InboundEvent {}

    /**
     * RegistrationRevised of the person's first registration: {@code patient} is the person's
     * demographics now (a later registrant's revision is not read: it changes only its own).
     */
    record PersonRevised(UUID personId, Patient patient) implements InboundEvent {}

    /** A clinical entry was recorded or amended; {@code resource} is its new version. */
    record EntryChanged(UUID personId, String organization, VersionedResource resource, Set<String> labels)
            implements InboundEvent {}

    /**
     * EntryEnteredInError: the entry left the record; {@code resource} is its last version, marked
     * entered-in-error, {@code organization} the one that withdrew it.
     */
    record EntryEnteredInError(UUID personId, String organization, VersionedResource resource, Set<String> labels)
            implements InboundEvent {}

    /** TreatmentAttested or EmergencyAccessGranted. */
    record RelationshipStarted(
            UUID personId,
            String organization,
            UUID relationshipId,
            Basis basis,
            String reason,
            String actor,
            Instant startedAt,
            Instant endsAt)
            implements InboundEvent {}

    /** CareRelationshipEnded; {@code relationshipId} null: all of the organization's relationships. */
    record RelationshipEnded(UUID personId, String organization, UUID relationshipId, String reason, Instant endedAt)
            implements InboundEvent {}

    /** ConsentRecorded: the person's sharing policy from now on. */
    record PolicyRecorded(UUID personId, SharingPolicy policy) implements InboundEvent {}

    /**
     * PersonsMerged (either person's copy): {@code mergedPersonId} is replaced by
     * {@code survivorPersonId}; {@code personId} is the stream's person.
     */
    record PersonsMerged(UUID personId, UUID mergeId, UUID survivorPersonId, UUID mergedPersonId)
            implements InboundEvent {}

    /** PersonsUnmerged (either person's copy): the merge {@code mergeId} is undone. */
    record PersonsUnmerged(UUID personId, UUID mergeId, UUID survivorPersonId, UUID mergedPersonId)
            implements InboundEvent {}
}
