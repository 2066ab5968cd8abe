package io.chartstream.contracts.patient;

import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.patient.PersonsUnmerged.v1}: an administrator (the envelope's actor)
 * undid the merge {@code mergeId} of {@code mergedPersonId} into {@code survivorPersonId}: both
 * are persons of their own again, each with what its own registrations and sources gave it.
 * Appended to both persons' streams like {@link PersonsMergedV1}.
 */
public record PersonsUnmergedV1(
        UUID mergeId, @SubjectId UUID personId, UUID survivorPersonId, UUID mergedPersonId, String reason) {

    public PersonsUnmergedV1 {
        PersonMerges.check(mergeId, personId, survivorPersonId, mergedPersonId, reason);
    }
}
