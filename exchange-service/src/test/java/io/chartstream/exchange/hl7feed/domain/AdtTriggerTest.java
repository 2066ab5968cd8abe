package io.chartstream.exchange.hl7feed.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdtTriggerTest {

    @Test
    void anInpatientVisitFirstSeenInProgressIsAnAdmissionAndLaterAnUpdate() {
        assertEquals(Optional.of("A01"), AdtTrigger.of("added", "in-progress", "IMP"));
        assertEquals(Optional.of("A08"), AdtTrigger.of("updated", "in-progress", "IMP"));
    }

    @Test
    void anyOtherClassFirstSeenArrivedIsARegistration() {
        assertEquals(Optional.of("A04"), AdtTrigger.of("added", "arrived", "AMB"));
        assertEquals(Optional.of("A04"), AdtTrigger.of("added", "in-progress", "EMER"));
        assertEquals(Optional.of("A04"), AdtTrigger.of("added", "in-progress", null));
    }

    @Test
    void aFinishedVisitIsADischargeWhetherFirstSeenOrNot() {
        assertEquals(Optional.of("A03"), AdtTrigger.of("updated", "finished", "IMP"));
        assertEquals(Optional.of("A03"), AdtTrigger.of("added", "finished", "AMB"));
    }

    @Test
    void plannedIsAPreAdmissionAndCancelledOrMistakenACancel() {
        assertEquals(Optional.of("A05"), AdtTrigger.of("added", "planned", "IMP"));
        assertEquals(Optional.of("A11"), AdtTrigger.of("updated", "cancelled", "IMP"));
        assertEquals(Optional.of("A11"), AdtTrigger.of("updated", "entered-in-error", "AMB"));
    }

    @Test
    void aRemovalIsNoAdtEventAndAnUnknownStatusAnUpdate() {
        assertEquals(Optional.empty(), AdtTrigger.of("removed", "in-progress", "IMP"));
        assertEquals(Optional.of("A08"), AdtTrigger.of("updated", null, null));
    }

    @Test
    void patientClassFollowsTable0004() {
        assertEquals("I", AdtTrigger.patientClass("IMP"));
        assertEquals("E", AdtTrigger.patientClass("EMER"));
        assertEquals("O", AdtTrigger.patientClass("AMB"));
        assertEquals("P", AdtTrigger.patientClass("PRENC"));
        assertEquals("U", AdtTrigger.patientClass(null));
    }
}
