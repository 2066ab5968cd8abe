package io.chartstream.exchange.organization.domain;

import java.util.List;

/**
 * An operator asks to add an organization to the directory; webhook URL and secret are optional.
 * {@code identifierSystems} are the assigning authorities (identifier system URIs, e.g. its MRN
 * system) the directory binds to the organization: only identifiers of those link its
 * registrations to persons and ground a care relationship.
 */
public record RegisterOrganization(
        String id, String name, String webhookUrl, String webhookSecret, List<String> identifierSystems) {

    public RegisterOrganization {
        identifierSystems = identifierSystems == null ? List.of() : List.copyOf(identifierSystems);
    }

    public RegisterOrganization(String id, String name, String webhookUrl, String webhookSecret) {
        this(id, name, webhookUrl, webhookSecret, List.of());
    }
}
