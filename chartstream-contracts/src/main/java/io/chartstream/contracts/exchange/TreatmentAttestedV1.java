package io.chartstream.contracts.exchange;

import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.exchange.TreatmentAttested.v1}: an organization attested a treatment
 * relationship with a person (purpose of use {@code TREAT}) and gained a care relationship with it
 * until {@code endsAt}. {@code referral} and {@code encounter} are optional FHIR references or
 * identifiers of the clinical event behind it; times are ISO-8601.
 */
public record TreatmentAttestedV1(
        UUID relationshipId,
        @SubjectId UUID personId,
        String organization,
        String actor,
        String purposeOfUse,
        String reason,
        String referral,
        String encounter,
        String startedAt,
        String endsAt) {

    public TreatmentAttestedV1 {
        ContractViolation.required(relationshipId, "relationshipId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(purposeOfUse, "purposeOfUse");
        ContractViolation.required(reason, "reason");
        ContractViolation.required(startedAt, "startedAt");
        ContractViolation.required(endsAt, "endsAt");
    }
}
