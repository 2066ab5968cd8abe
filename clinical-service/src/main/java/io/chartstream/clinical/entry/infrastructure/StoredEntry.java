package io.chartstream.clinical.entry.infrastructure;

import java.time.Instant;
import java.util.UUID;

/** A row of the clinical_entry table: the current version of one entry, or its last one when it was entered in error. */
public record StoredEntry(
        UUID entryId,
        UUID personId,
        String resourceType,
        long version,
        String organization,
        String practitioner,
        String resource,
        Instant recordedAt,
        Instant updatedAt,
        boolean enteredInError) {}
