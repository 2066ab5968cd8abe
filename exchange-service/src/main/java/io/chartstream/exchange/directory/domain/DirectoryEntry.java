package io.chartstream.exchange.directory.domain;

/** What the decider needs to know of a directory resource: its type and version; version 0 before it exists. */
public record DirectoryEntry(String resourceType, String resourceId, long version) {

    public static DirectoryEntry none() {
        return new DirectoryEntry(null, null, 0);
    }

    public boolean exists() {
        return version > 0;
    }
}
