package io.chartstream.contracts.patient;

import io.chartstream.contracts.ContractViolation;

import java.util.UUID;

/** The rule both merge contracts hold: two different persons, and the stream is one of them. */
final class PersonMerges {

    private PersonMerges() {}

    static void check(UUID mergeId, UUID personId, UUID survivorPersonId, UUID mergedPersonId, String reason) {
        ContractViolation.required(mergeId, "mergeId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(survivorPersonId, "survivorPersonId");
        ContractViolation.required(mergedPersonId, "mergedPersonId");
        ContractViolation.required(reason, "reason");
        if (survivorPersonId.equals(mergedPersonId)) {
            throw new ContractViolation("a person cannot be merged into itself: " + survivorPersonId);
        }
        if (!personId.equals(survivorPersonId) && !personId.equals(mergedPersonId)) {
            throw new ContractViolation("personId " + personId + " is neither the survivor nor the merged person");
        }
    }
}
