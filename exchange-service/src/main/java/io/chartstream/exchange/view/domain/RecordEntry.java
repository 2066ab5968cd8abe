package io.chartstream.exchange.view.domain;

import java.util.Set;

/** One resource of a person's record with what the disclosure rules look at: its author and security labels. */
public record RecordEntry(VersionedResource resource, String author, Set<String> labels) {

    public RecordEntry {
        labels = Set.copyOf(labels);
    }

    public String key() {
        return resource.resourceType() + "/" + resource.id();
    }
}
