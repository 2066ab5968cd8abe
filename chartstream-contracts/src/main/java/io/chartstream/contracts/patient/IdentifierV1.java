package io.chartstream.contracts.patient;

import io.chartstream.contracts.ContractViolation;

/** An organization-local identifier of a person: assigning authority ({@code system}, may be absent) and value. */
public record IdentifierV1(String system, String value) {

    public IdentifierV1 {
        ContractViolation.required(value, "identifier.value");
    }
}
