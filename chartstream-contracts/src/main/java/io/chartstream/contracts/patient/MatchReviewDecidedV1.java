package io.chartstream.contracts.patient;

import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.patient.MatchReviewDecided.v1}: an administrator decided the review
 * {@code reviewId} (of {@link MatchReviewRequestedV1}): the registration is ({@code link}) or is
 * not ({@code not-a-match}) the person {@code candidatePersonId}. The administrator and the time
 * are the envelope's actor and time. Grants nothing: it is not a registration or a link
 * ({@link PatientContracts#identifiesPerson} is false).
 */
public record MatchReviewDecidedV1(
        UUID reviewId,
        @SubjectId UUID personId,
        String organization,
        IdentifierV1 identifier,
        UUID candidatePersonId,
        String decision) {

    public static final String LINK = "link";
    public static final String NOT_A_MATCH = "not-a-match";

    public MatchReviewDecidedV1 {
        ContractViolation.required(reviewId, "reviewId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(identifier, "identifier");
        ContractViolation.required(candidatePersonId, "candidatePersonId");
        ContractViolation.required(decision, "decision");
        if (!LINK.equals(decision) && !NOT_A_MATCH.equals(decision)) {
            throw new ContractViolation("decision must be \"link\" or \"not-a-match\", not " + decision);
        }
    }
}
