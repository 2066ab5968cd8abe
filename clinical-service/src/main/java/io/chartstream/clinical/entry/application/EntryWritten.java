package io.chartstream.clinical.entry.application;

import io.chartstream.clinical.entry.domain.FhirJson;

import java.util.UUID;

/** The outcome of a write: the entry's new version, the event store position it reached, the stored resource. */
public record EntryWritten(UUID entryId, long version, long position, FhirJson resource) {}
