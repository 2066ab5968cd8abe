package io.chartstream.contracts.exchange;

import io.chartstream.contracts.ContractViolation;

/**
 * {@code io.chartstream.exchange.OrganizationRegistered.v1}: key and subject are the organization id
 * (there is no person); the webhook secret is never in an event.
 */
public record OrganizationRegisteredV1(String organizationId, String name, String webhookUrl) {

    public OrganizationRegisteredV1 {
        ContractViolation.required(organizationId, "organizationId");
        ContractViolation.required(name, "name");
    }
}
