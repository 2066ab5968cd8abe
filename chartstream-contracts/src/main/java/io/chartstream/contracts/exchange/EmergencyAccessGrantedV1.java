package io.chartstream.contracts.exchange;

import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.exchange.EmergencyAccessGranted.v1}: a clinician broke the glass on a
 * person's record (purpose of use {@code ETREAT}) with {@code reason}; the organization sees the
 * record, except 42 CFR Part 2 entries, until {@code endsAt}. Auditors and the privacy webhook are
 * alerted from this event; the patient sees it in the portal.
 */
public record EmergencyAccessGrantedV1(
        UUID relationshipId,
        @SubjectId UUID personId,
        String organization,
        String actor,
        String purposeOfUse,
        String reason,
        String startedAt,
        String endsAt) {

    public EmergencyAccessGrantedV1 {
        ContractViolation.required(relationshipId, "relationshipId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(actor, "actor");
        ContractViolation.required(purposeOfUse, "purposeOfUse");
        ContractViolation.required(reason, "reason");
        ContractViolation.required(startedAt, "startedAt");
        ContractViolation.required(endsAt, "endsAt");
    }
}
