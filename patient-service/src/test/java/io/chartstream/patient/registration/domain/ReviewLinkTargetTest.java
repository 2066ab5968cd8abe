package io.chartstream.patient.registration.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whom a review's link merges into, given what became of the candidate since the review was raised. */
class ReviewLinkTargetTest {

    private static final UUID CANDIDATE = UUID.fromString("00000000-0000-4000-8000-0000000000c1");
    private static final UUID SURVIVOR = UUID.fromString("00000000-0000-4000-8000-0000000000c2");

    @Test
    void aCandidateOfItsOwnIsTheSurvivorWithOrWithoutConfirmation() {
        assertEquals(CANDIDATE, ReviewLinkTarget.survivor(CANDIDATE, CANDIDATE, null));
        assertEquals(CANDIDATE, ReviewLinkTarget.survivor(CANDIDATE, CANDIDATE, CANDIDATE));
    }

    @Test
    void aCandidateMergedSinceIsRefusedNamingItsSurvivor() {
        MergeRefused refused =
                assertThrows(MergeRefused.class, () -> ReviewLinkTarget.survivor(CANDIDATE, SURVIVOR, null));
        assertTrue(refused.getMessage().contains("merged into " + SURVIVOR), refused.getMessage());
    }

    @Test
    void aConfirmedSurvivorIsLinkedToAndAnyOtherConfirmationRefused() {
        assertEquals(SURVIVOR, ReviewLinkTarget.survivor(CANDIDATE, SURVIVOR, SURVIVOR));
        assertThrows(MergeRefused.class, () -> ReviewLinkTarget.survivor(CANDIDATE, SURVIVOR, CANDIDATE));
        assertThrows(MergeRefused.class, () -> ReviewLinkTarget.survivor(CANDIDATE, CANDIDATE, SURVIVOR));
    }
}
