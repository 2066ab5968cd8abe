package io.chartstream.exchange.view.infrastructure;

import io.chartstream.exchange.view.domain.VersionedResource;
import org.hl7.fhir.r4.model.Patient;

import java.util.UUID;

/** What org-views reads from the patient and clinical record topics (see docs/events.md). */
sealed interface InboundEvent {

    UUID personId();

    /** PatientRegistered or IdentifierLinked: {@code organization} now has a care relationship with the person. */
    record PersonInCare(
            UUID personId, String organization, String identifierSystem, String identifierValue, Patient patient)
            implements InboundEvent {}

    /** A clinical entry was recorded or amended; {@code resource} is its new version. */
    record EntryChanged(UUID personId, String organization, VersionedResource resource) implements InboundEvent {}
}
