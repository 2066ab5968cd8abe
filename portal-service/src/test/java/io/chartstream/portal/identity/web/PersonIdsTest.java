package io.chartstream.portal.identity.web;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonIdsTest {

    @Test
    void aUuidClaimNamesThePerson() {
        UUID id = UUID.randomUUID();
        assertEquals(Optional.of(id), PersonIds.fromClaim(id.toString()));
        assertEquals(Optional.of(id), PersonIds.fromClaim(jakarta.json.Json.createValue(id.toString())));
    }

    @Test
    void anythingElseNamesNoOne() {
        assertEquals(Optional.empty(), PersonIds.fromClaim(null));
        assertEquals(Optional.empty(), PersonIds.fromClaim(""));
        assertEquals(Optional.empty(), PersonIds.fromClaim("alice"));
        assertEquals(Optional.empty(), PersonIds.fromClaim("1-2-3-4-5"));
        assertEquals(Optional.empty(), PersonIds.fromClaim("%"));
    }
}
