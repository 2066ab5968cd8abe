package io.chartstream.exchange.organization.domain;

import java.util.List;

/** An organization as the directory knows it; {@link #none(String)} before it is registered. */
public record Organization(
        String id,
        String name,
        String webhookUrl,
        List<String> identifierSystems,
        List<String> facilities,
        long version) {

    public Organization {
        identifierSystems = identifierSystems == null ? List.of() : List.copyOf(identifierSystems);
        facilities = facilities == null ? List.of() : List.copyOf(facilities);
    }

    public static Organization none(String id) {
        return new Organization(id, null, null, List.of(), List.of(), 0);
    }

    public boolean registered() {
        return version > 0;
    }
}
