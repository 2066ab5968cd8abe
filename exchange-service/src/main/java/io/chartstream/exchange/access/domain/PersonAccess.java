package io.chartstream.exchange.access.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the access stream of one person knows: the sharing policy in force and the attested and
 * emergency relationships that have not ended (identifier relationships come from the patient
 * events and are not part of this stream).
 */
public record PersonAccess(long version, SharingPolicy policy, Map<UUID, Grant> grants) {

    public static final PersonAccess NONE = new PersonAccess(0, SharingPolicy.DEFAULT, Map.of());

    /** An attested or emergency relationship until {@code endsAt}. */
    public record Grant(String organization, Basis basis, Instant endsAt) {}

    public PersonAccess {
        grants = Map.copyOf(grants);
    }

    PersonAccess next(SharingPolicy newPolicy, Map<UUID, Grant> newGrants) {
        return new PersonAccess(version + 1, newPolicy, newGrants);
    }

    Map<UUID, Grant> mutableGrants() {
        return new LinkedHashMap<>(grants);
    }
}
