package io.chartstream.portal.record.infrastructure;

import org.hl7.fhir.r4.model.Resource;

import java.util.UUID;

/**
 * A clinical entry as a {@code chartstream.clinical.events} event carries it: recorded or
 * amended, {@code resource} is the entry's current version.
 */
record EntryEvent(
        UUID entryId, UUID personId, long version, String organization, String practitioner, Resource resource) {}
