package io.chartstream.exchange.organization.domain;

import java.util.List;

/**
 * An operator asks to add an organization to the directory; webhook URL and secret are optional.
 * {@code identifierSystems} are the assigning authorities (identifier system URIs, e.g. its MRN
 * system) the directory binds to the organization: only identifiers of those link its
 * registrations to persons and ground a care relationship. {@code facilities} are the HL7 v2
 * sending facilities (MSH-4 namespace ids) its messages come from; each belongs to one organization.
 */
public record RegisterOrganization(
        String id,
        String name,
        String webhookUrl,
        String webhookSecret,
        List<String> identifierSystems,
        List<String> facilities) {

    public RegisterOrganization {
        identifierSystems = identifierSystems == null ? List.of() : List.copyOf(identifierSystems);
        facilities = facilities == null ? List.of() : List.copyOf(facilities);
    }

    public RegisterOrganization(String id, String name, String webhookUrl, String webhookSecret) {
        this(id, name, webhookUrl, webhookSecret, List.of(), List.of());
    }

    public RegisterOrganization(
            String id, String name, String webhookUrl, String webhookSecret, List<String> identifierSystems) {
        this(id, name, webhookUrl, webhookSecret, identifierSystems, List.of());
    }
}
