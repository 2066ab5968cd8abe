package io.chartstream.patient.registration.domain;

import java.util.Set;
import java.util.UUID;

/**
 * The submitted identifiers already point at different persons: linking would silently merge
 * two people. Merging is a deliberate act (later: {@code PatientsMerged}), never a side effect.
 */
public class ConflictingIdentifiers extends RuntimeException {

    private final Set<UUID> personIds;

    public ConflictingIdentifiers(Set<UUID> personIds) {
        super("the submitted identifiers belong to different persons " + personIds
                + "; they must be merged before one registration can carry them all");
        this.personIds = Set.copyOf(personIds);
    }

    public Set<UUID> personIds() {
        return personIds;
    }
}
