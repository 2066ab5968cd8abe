package io.chartstream.contracts.patient;

import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.patient.MatchReviewRequested.v1}: a registration was a possible match of
 * {@code candidatePersonId}; it was registered as the new person {@code personId}, not linked,
 * and an administrator decides. Grants nothing: it is not a registration or a link
 * ({@link PatientContracts#identifiesPerson} is false).
 */
public record MatchReviewRequestedV1(
        UUID reviewId,
        @SubjectId UUID personId,
        String organization,
        IdentifierV1 identifier,
        UUID candidatePersonId,
        MatchEvidenceV1 match) {

    public MatchReviewRequestedV1 {
        ContractViolation.required(reviewId, "reviewId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(identifier, "identifier");
        ContractViolation.required(candidatePersonId, "candidatePersonId");
        ContractViolation.required(match, "match");
    }
}
