package io.chartstream.contracts.exchange;

import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.exchange.AccessRefused.v1}: the gateway refused an organization a read or
 * a write of a known person's record ({@code what}: e.g. {@code Patient/$everything},
 * {@code Observation/write}); {@code reason} {@code no-care-relationship}. The caller's answer does
 * not say the person exists; the audit does.
 */
public record AccessRefusedV1(
        UUID refusalId,
        @SubjectId UUID personId,
        String organization,
        String actor,
        String what,
        String reason,
        String at) {

    public AccessRefusedV1 {
        ContractViolation.required(refusalId, "refusalId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(what, "what");
        ContractViolation.required(reason, "reason");
        ContractViolation.required(at, "at");
    }
}
