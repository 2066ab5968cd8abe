package io.chartstream.exchange.gateway.application;

import java.util.Optional;
import java.util.UUID;

/** Person ids in patient-service's JSON answers. */
final class Uuids {

    private Uuids() {}

    static Optional<UUID> parse(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
