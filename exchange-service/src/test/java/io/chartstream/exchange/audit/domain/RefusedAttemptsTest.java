package io.chartstream.exchange.audit.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refused requests are tallied per window, ids masked, and a flood is bounded. */
class RefusedAttemptsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-05T10:01:00Z");

    private static RefusedAttempts.Attempt noToken(String path) {
        return new RefusedAttempts.Attempt(
                RefusedAttempts.UNAUTHENTICATED, null, null, "GET", path, "10.0.0.7", "UnauthorizedException");
    }

    @Test
    void attemptsOnDifferentRecordsOfOneEndpointAreOneRecordWithTheirCount() {
        RefusedAttempts attempts = new RefusedAttempts(10);
        attempts.count(noToken("/fhir/Patient/3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001/$everything"), T0);
        attempts.count(noToken("/fhir/Patient/3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1002/$everything"), T0);
        attempts.count(noToken("/fhir/Patient/3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1003/$everything"), T0);

        List<AuditEntry> entries = attempts.drain(T1);

        assertEquals(1, entries.size());
        AuditEntry entry = entries.get(0);
        assertEquals(RefusedAttempts.TYPE, entry.type());
        assertEquals(RefusedAttempts.UNAUTHENTICATED, entry.subtype());
        assertEquals(AuditEntry.REFUSED, entry.outcome());
        assertEquals(List.of("GET /fhir/Patient/{id}/$everything"), entry.entities());
        assertEquals(
                "3 attempts between 2026-12-05T10:00:00Z and 2026-12-05T10:01:00Z from 10.0.0.7: UnauthorizedException",
                entry.detail());
        assertTrue(attempts.drain(T1).isEmpty(), "the next window starts empty");
    }

    @Test
    void aForbiddenRoleIsRecordedWithTheCallerItNamed() {
        RefusedAttempts attempts = new RefusedAttempts(10);
        attempts.count(
                new RefusedAttempts.Attempt(
                        RefusedAttempts.FORBIDDEN,
                        "mallory",
                        null,
                        "POST",
                        "/fhir/Observation",
                        "10.0.0.8",
                        "ForbiddenException"),
                T0);

        AuditEntry entry = attempts.drain(T1).get(0);

        assertEquals(RefusedAttempts.FORBIDDEN, entry.subtype());
        assertEquals("mallory", entry.agentUser());
        assertEquals(List.of("POST /fhir/Observation"), entry.entities());
    }

    @Test
    void beyondTheKindsOneWindowKeepsTheRestAreCountedInOneRecord() {
        RefusedAttempts attempts = new RefusedAttempts(2);
        attempts.count(noToken("/fhir/Observation"), T0);
        attempts.count(noToken("/fhir/Condition"), T0);
        attempts.count(noToken("/fhir/Encounter"), T0);
        attempts.count(noToken("/fhir/Goal"), T0);
        attempts.count(noToken("/fhir/Observation"), T0);

        List<AuditEntry> entries = attempts.drain(T1);

        assertEquals(3, entries.size());
        assertTrue(
                entries.get(0).detail().startsWith("2 attempts"), entries.get(0).detail());
        assertEquals("refused-flood", entries.get(2).subtype());
        assertTrue(
                entries.get(2).detail().startsWith("2 further refused attempts"),
                entries.get(2).detail());
    }
}
