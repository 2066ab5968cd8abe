package io.chartstream.contracts.patient;

import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.patient.PersonsMerged.v1}: an administrator (the envelope's actor) merged
 * the person {@code mergedPersonId} into {@code survivorPersonId}; from now on the merged person
 * is replaced by the survivor. Appended to both persons' streams, the same but for {@code
 * personId} (the stream's person, the Kafka key and {@code subject}), so each person's consumers
 * see it in order with the rest of that person's events. {@code reviewId} (optional) is the
 * match review whose {@code link} decision it carries out. Not a registration or a link
 * ({@link PatientContracts#identifiesPerson} is false): it grants nothing by itself.
 */
public record PersonsMergedV1(
        UUID mergeId,
        @SubjectId UUID personId,
        UUID survivorPersonId,
        UUID mergedPersonId,
        String reason,
        UUID reviewId) {

    public PersonsMergedV1 {
        PersonMerges.check(mergeId, personId, survivorPersonId, mergedPersonId, reason);
    }
}
