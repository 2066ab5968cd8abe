package io.chartstream.clinical.entry.application;

import io.chartstream.clinical.entry.domain.FhirJson;

import java.util.UUID;

/**
 * The outcome of a write: the entry's new version, the event store position it reached (0 when
 * nothing was written: a repeated withdrawal), the stored resource.
 */
public record EntryWritten(UUID entryId, long version, long position, FhirJson resource) {}
