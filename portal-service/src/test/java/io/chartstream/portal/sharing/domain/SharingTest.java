package io.chartstream.portal.sharing.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SharingTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void givenRelationshipsOfEveryKind_thenCurrentEmergencyAndEndedAreListedApart() {
        var identifier = relationship("riverside-clinic", "identifier", true);
        var attested = relationship("northside-pediatrics", "treatment-attestation", true);
        var blocked = relationship("st-marys-hospital", "identifier", false);
        var openGlass = relationship("county-er", Sharing.EMERGENCY_ACCESS, true);
        var closedGlass = relationship("county-er", Sharing.EMERGENCY_ACCESS, false);
        Sharing sharing = new Sharing(
                UUID.randomUUID(),
                null,
                List.of(identifier, attested, blocked, openGlass, closedGlass),
                List.of(new Sharing.OrganizationName("riverside-clinic", "Riverside Clinic")),
                null);

        assertEquals(List.of(identifier, attested), sharing.current());
        assertEquals(
                List.of(sharing.personId()),
                sharing.group(),
                "a record of one person when the exchange names no group");
        assertFalse(sharing.merged());
        assertEquals(List.of(openGlass, closedGlass), sharing.emergencyAccesses());
        assertEquals(List.of(blocked), sharing.ended());
        assertEquals(Sharing.Choices.DEFAULT, sharing.choices());
        assertEquals("Riverside Clinic", sharing.nameOf("riverside-clinic"));
        assertEquals("unknown-org", sharing.nameOf("unknown-org"));
    }

    private static Sharing.Relationship relationship(String org, String basis, boolean active) {
        return new Sharing.Relationship(
                org,
                org,
                basis,
                "why",
                "dr.x",
                T,
                null,
                active ? null : T.plusSeconds(60),
                active ? null : "blocked",
                active);
    }
}
