package io.chartstream.exchange.organization.domain;

import java.util.List;

/**
 * What happens to an organization of the provider directory. The webhook secret is not part
 * of any event: events are published on {@code chartstream.exchange.events}, a secret is not a
 * fact to share, so it stays in the organization's state row.
 */
public sealed interface OrganizationEvent {

    String organizationId();

    record OrganizationRegistered(
            String organizationId,
            String name,
            String webhookUrl,
            List<String> identifierSystems,
            List<String> facilities)
            implements OrganizationEvent {

        public OrganizationRegistered {
            identifierSystems = identifierSystems == null ? List.of() : List.copyOf(identifierSystems);
            facilities = facilities == null ? List.of() : List.copyOf(facilities);
        }

        public OrganizationRegistered(String organizationId, String name, String webhookUrl) {
            this(organizationId, name, webhookUrl, List.of(), List.of());
        }
    }
}
