package io.chartstream.exchange.access.domain;

import io.chartstream.exchange.access.domain.AccessCommand.AttestTreatment;
import io.chartstream.exchange.access.domain.AccessCommand.BreakGlass;
import io.chartstream.exchange.access.domain.AccessCommand.EndRelationship;
import io.chartstream.exchange.access.domain.AccessCommand.ExpireRelationships;
import io.chartstream.exchange.access.domain.AccessCommand.RecordConsent;
import io.chartstream.exchange.access.domain.AccessEvent.CareRelationshipEnded;
import io.chartstream.exchange.access.domain.AccessEvent.ConsentRecorded;
import io.chartstream.exchange.access.domain.AccessEvent.EmergencyAccessGranted;
import io.chartstream.exchange.access.domain.AccessEvent.TreatmentAttested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access rules as given (past events) / when (a command) / then (new events or a refusal). */
class AccessDeciderTest {

    private static final UUID ALICE = UUID.fromString("3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001");
    private static final UUID REL = UUID.fromString("6a0f3d52-1c1e-4a55-8f8e-3b9d0c7e2001");
    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    private static final String NORTHSIDE = "northside-pediatrics";

    @Test
    void anAttestationWithAReasonStartsATreatmentRelationshipUntilItsEnd() {
        var events = when(given(), attest("referred for asthma follow-up"));

        assertEquals(
                List.of(new TreatmentAttested(
                        REL,
                        ALICE,
                        NORTHSIDE,
                        "dr.novak",
                        "TREAT",
                        "referred for asthma follow-up",
                        "ServiceRequest/1",
                        null,
                        NOW.toString(),
                        NOW.plus(Duration.ofDays(90)).toString())),
                events);
    }

    @Test
    void anAttestationWithoutAReasonIsRefusedAsIncomplete() {
        var refused = assertThrows(AccessRejected.class, () -> when(given(), attest("  ")));
        assertEquals(AccessRejected.Reason.INVALID, refused.reason());
    }

    @Test
    void anOrganizationThePatientBlockedCannotAttestItsWayIn() {
        var refused =
                assertThrows(AccessRejected.class, () -> when(given(consent(Set.of(NORTHSIDE))), attest("follow-up")));
        assertEquals(AccessRejected.Reason.FORBIDDEN, refused.reason());
    }

    @Test
    void breakingTheGlassGrantsEmergencyAccessForTheGivenTimeEvenToABlockedOrganization() {
        var events = when(
                given(consent(Set.of(NORTHSIDE))),
                new BreakGlass(ALICE, REL, NORTHSIDE, "dr.novak", "unconscious in ED", NOW, Duration.ofHours(4)));

        assertEquals(
                List.of(new EmergencyAccessGranted(
                        REL,
                        ALICE,
                        NORTHSIDE,
                        "dr.novak",
                        "ETREAT",
                        "unconscious in ED",
                        NOW.toString(),
                        NOW.plus(Duration.ofHours(4)).toString())),
                events);
    }

    @Test
    void breakingTheGlassNeedsAReason() {
        assertThrows(
                AccessRejected.class,
                () -> when(given(), new BreakGlass(ALICE, REL, NORTHSIDE, "dr.novak", "", NOW, Duration.ofHours(4))));
    }

    @Test
    void aConsentThatNewlyBlocksAnOrganizationEndsItsRelationships() {
        var events = when(given(), recordConsent(Set.of(NORTHSIDE)));

        assertEquals(2, events.size());
        assertTrue(events.get(0) instanceof ConsentRecorded);
        assertEquals(
                new CareRelationshipEnded(ALICE, NORTHSIDE, null, "blocked", "alice", NOW.toString()), events.get(1));
    }

    @Test
    void aConsentThatKeepsAnEarlierBlockEndsNothingAgain() {
        var events = when(given(consent(Set.of(NORTHSIDE))), recordConsent(Set.of(NORTHSIDE)));

        assertEquals(1, events.size());
    }

    @Test
    void expiryEndsOnlyTheRelationshipsWhoseTimeIsUp() {
        var granted = (TreatmentAttested) when(given(), attest("follow-up")).get(0);

        assertTrue(when(given(granted), new ExpireRelationships(ALICE, NOW.plus(Duration.ofDays(89))))
                .isEmpty());
        assertEquals(
                List.of(new CareRelationshipEnded(ALICE, NORTHSIDE, REL, "expired", null, granted.endsAt())),
                when(given(granted), new ExpireRelationships(ALICE, NOW.plus(Duration.ofDays(90)))));
    }

    @Test
    void anEndedRelationshipDoesNotExpireAgain() {
        var granted = (TreatmentAttested) when(given(), attest("follow-up")).get(0);
        var ended = new CareRelationshipEnded(ALICE, NORTHSIDE, null, "revoked", "dr.novak", NOW.toString());

        assertTrue(when(given(granted, ended), new ExpireRelationships(ALICE, NOW.plus(Duration.ofDays(365))))
                .isEmpty());
    }

    @Test
    void anOrganizationEndsItsRelationshipsAsRevoked() {
        var events = when(given(), new EndRelationship(ALICE, NORTHSIDE, null, EndReason.REVOKED, "dr.novak", NOW));

        assertEquals(
                List.of(new CareRelationshipEnded(ALICE, NORTHSIDE, null, "revoked", "dr.novak", NOW.toString())),
                events);
    }

    private static AttestTreatment attest(String reason) {
        return new AttestTreatment(
                ALICE, REL, NORTHSIDE, "dr.novak", reason, "ServiceRequest/1", " ", NOW, Duration.ofDays(90));
    }

    private static RecordConsent recordConsent(Set<String> blocked) {
        return new RecordConsent(
                ALICE,
                UUID.randomUUID(),
                "patient",
                "alice",
                new SharingPolicy(false, blocked, Set.of(), Set.of()),
                NOW);
    }

    private static ConsentRecorded consent(Set<String> blocked) {
        return new ConsentRecorded(
                UUID.randomUUID(),
                ALICE,
                "patient",
                "alice",
                false,
                List.copyOf(blocked),
                List.of(),
                List.of(),
                NOW.toString());
    }

    private static PersonAccess given(AccessEvent... history) {
        return AccessDecider.INSTANCE.fold(List.of(history));
    }

    private static List<AccessEvent> when(PersonAccess state, AccessCommand command) {
        return AccessDecider.INSTANCE.decide(command, state);
    }
}
