package io.chartstream.exchange.directory.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One directory resource as the state table holds it: the current version's JSON, and what it is
 * searched by (its identifiers, and its names in lower case).
 */
public record DirectoryRow(
        String resourceType,
        UUID id,
        long version,
        String json,
        Instant lastUpdated,
        List<Identifier> identifiers,
        List<String> names) {

    /** An identifier as a search key; a missing system is the empty string. */
    public record Identifier(String system, String value) {
        public Identifier {
            system = system == null ? "" : system;
        }
    }

    public DirectoryRow {
        identifiers = List.copyOf(identifiers);
        names = List.copyOf(names);
    }
}
