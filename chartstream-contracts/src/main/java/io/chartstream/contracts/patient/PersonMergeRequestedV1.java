package io.chartstream.contracts.patient;

import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.patient.PersonMergeRequested.v1}: {@code organization} asked (an HL7
 * {@code ADT^A40}, message {@code messageControlId}) that the person {@code personId}, whom its
 * prior identifier {@code identifier} names, be merged into {@code survivorPersonId}, whom its
 * identifier {@code survivorIdentifier} names. A review task for an HIE administrator, the
 * {@code reviewId} of a later {@link MatchReviewDecidedV1}: {@code link} merges, {@code not-a-match}
 * declines. Joins nothing and grants nothing ({@link PatientContracts#identifiesPerson} is false).
 */
public record PersonMergeRequestedV1(
        UUID reviewId,
        @SubjectId UUID personId,
        String organization,
        IdentifierV1 identifier,
        UUID survivorPersonId,
        IdentifierV1 survivorIdentifier,
        String messageControlId) {

    public PersonMergeRequestedV1 {
        ContractViolation.required(reviewId, "reviewId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(identifier, "identifier");
        ContractViolation.required(survivorPersonId, "survivorPersonId");
        ContractViolation.required(survivorIdentifier, "survivorIdentifier");
        ContractViolation.required(messageControlId, "messageControlId");
    }
}
