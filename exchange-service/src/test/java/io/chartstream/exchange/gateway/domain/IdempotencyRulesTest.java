package io.chartstream.exchange.gateway.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration ABANDON = Duration.ofSeconds(60);
    private static final String HASH = IdempotencyRules.fingerprint("POST", "/fhir/Patient", null, null, "{}");
    private static final StoredResponse CREATED =
            new StoredResponse(201, "application/fhir+json", "{}", "W/\"1\"", null, "patient-service/7");

    @Test
    void retryOfAnAnsweredRequestReplaysTheAnswer() {
        var decision =
                IdempotencyRules.decide(new IdempotencyRecord(HASH, CREATED, NOW.minusSeconds(5)), HASH, NOW, ABANDON);
        assertEquals(new IdempotencyDecision.Replay(CREATED), decision);
    }

    @Test
    void sameKeyForADifferentRequestIsAMismatch() {
        String other = IdempotencyRules.fingerprint("POST", "/fhir/Patient", null, null, "{\"active\":true}");
        assertInstanceOf(
                IdempotencyDecision.Mismatch.class,
                IdempotencyRules.decide(new IdempotencyRecord(HASH, CREATED, NOW), other, NOW, ABANDON));
    }

    @Test
    void retryWhileTheFirstIsRunningIsInProgressUntilItIsAbandoned() {
        var running = new IdempotencyRecord(HASH, null, NOW.minusSeconds(10));
        assertInstanceOf(IdempotencyDecision.InProgress.class, IdempotencyRules.decide(running, HASH, NOW, ABANDON));
        var abandoned = new IdempotencyRecord(HASH, null, NOW.minusSeconds(61));
        assertInstanceOf(IdempotencyDecision.Execute.class, IdempotencyRules.decide(abandoned, HASH, NOW, ABANDON));
    }

    @Test
    void ownersAnswersAreKeptButNotServerFailures() {
        assertTrue(IdempotencyRules.worthKeeping(CREATED));
        assertTrue(IdempotencyRules.worthKeeping(new StoredResponse(422, null, null, null, null, null)));
        assertFalse(IdempotencyRules.worthKeeping(new StoredResponse(503, null, null, null, null, null)));
    }

    @Test
    void fingerprintTellsPreconditionsAndFieldBoundariesApart() {
        assertNotEquals(
                IdempotencyRules.fingerprint("PUT", "/fhir/Observation/1", "W/\"1\"", null, "{}"),
                IdempotencyRules.fingerprint("PUT", "/fhir/Observation/1", "W/\"2\"", null, "{}"));
        assertNotEquals(
                IdempotencyRules.fingerprint("POST", "/a", "b", null, ""),
                IdempotencyRules.fingerprint("POST", "/ab", null, null, ""));
        assertEquals(HASH, IdempotencyRules.fingerprint("POST", "/fhir/Patient", null, null, "{}"));
    }
}
