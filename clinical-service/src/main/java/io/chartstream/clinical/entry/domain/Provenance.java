package io.chartstream.clinical.entry.domain;

import java.util.Objects;

/**
 * Who stands behind a version of an entry: the organization that sent it and, when known, the
 * practitioner (a Practitioner reference or a user name).
 */
public record Provenance(String organization, String practitioner) {

    public Provenance {
        Objects.requireNonNull(organization, "organization");
        if (organization.isBlank()) {
            throw new IllegalArgumentException("an entry always has an organization");
        }
    }
}
