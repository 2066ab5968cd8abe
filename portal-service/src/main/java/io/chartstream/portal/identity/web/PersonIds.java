package io.chartstream.portal.identity.web;

import java.util.Optional;
import java.util.UUID;

/** The {@code person_id} claim as an enterprise person id: a UUID, or nothing. */
public final class PersonIds {

    public static final String CLAIM = "person_id";

    private PersonIds() {}

    public static Optional<UUID> fromClaim(Object claim) {
        String value = claim instanceof jakarta.json.JsonString json
                ? json.getString()
                : claim == null ? null : claim.toString();
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(value.trim());
            return id.toString().equalsIgnoreCase(value.trim()) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
