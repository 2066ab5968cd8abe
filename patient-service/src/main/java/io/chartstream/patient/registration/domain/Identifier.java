package io.chartstream.patient.registration.domain;

import java.util.Objects;

/**
 * An organization-local identifier of a person (a clinic's MRN, a national id): a namespace
 * URI and a value in it. Compared exactly after trimming: identifiers are case-sensitive.
 */
public record Identifier(String system, String value) {

    public Identifier {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(value, "value");
        system = system.trim();
        value = value.trim();
        if (system.isEmpty() || value.isEmpty()) {
            throw new IllegalArgumentException("an identifier needs both a system and a value");
        }
    }

    /** The FHIR token form {@code system|value}. */
    @Override
    public String toString() {
        return system + "|" + value;
    }
}
