package io.chartstream.contracts.exchange;

import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.exchange.CareRelationshipEnded.v1}: the care relationship
 * {@code relationshipId} of {@code organization} with the person ended, or every one of them,
 * whatever its basis, when {@code relationshipId} is null; what the organization no longer may
 * see leaves its view. {@code reason}: {@code revoked} (by the organization or on the patient's behalf),
 * {@code blocked} (the patient blocked the organization), {@code expired} (an attestation or
 * emergency access reached its end), {@code inactive} (no activity for the configured period).
 */
public record CareRelationshipEndedV1(
        @SubjectId UUID personId,
        String organization,
        UUID relationshipId,
        String reason,
        String actor,
        String endedAt) {

    public CareRelationshipEndedV1 {
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(reason, "reason");
        ContractViolation.required(endedAt, "endedAt");
    }
}
