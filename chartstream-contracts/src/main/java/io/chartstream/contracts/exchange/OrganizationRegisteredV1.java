package io.chartstream.contracts.exchange;

import io.chartstream.contracts.ContractViolation;

import java.util.List;

/**
 * {@code io.chartstream.exchange.OrganizationRegistered.v1}: key and subject are the organization id
 * (there is no person); the webhook secret is never in an event. {@code identifierSystems}: the
 * assigning authorities bound to it; {@code facilities}: the HL7 v2 sending facilities (MSH-4
 * namespace ids) it sends from (both optional fields added in place: absent reads as none).
 */
public record OrganizationRegisteredV1(
        String organizationId,
        String name,
        String webhookUrl,
        List<String> identifierSystems,
        List<String> facilities) {

    public OrganizationRegisteredV1 {
        ContractViolation.required(organizationId, "organizationId");
        ContractViolation.required(name, "name");
        identifierSystems = identifierSystems == null ? List.of() : List.copyOf(identifierSystems);
        facilities = facilities == null ? List.of() : List.copyOf(facilities);
    }
}
