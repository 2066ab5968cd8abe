package io.chartstream.contracts.exchange;

import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.exchange.RecordDisclosed.v1}: a read of a person's record through the gateway.
 * {@code purpose} is a v3 PurposeOfUse code (TREAT), {@code at} ISO-8601.
 */
public record RecordDisclosedV1(
        UUID disclosureId,
        @SubjectId UUID personId,
        String organization,
        String actor,
        String purpose,
        String what,
        String at) {

    public RecordDisclosedV1 {
        ContractViolation.required(disclosureId, "disclosureId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(what, "what");
        ContractViolation.required(at, "at");
    }
}
