package io.chartstream.exchange.hl7.infrastructure;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class VisitEncounterTest {

    private static Encounter discharged() {
        Encounter encounter = new Encounter().setStatus(EncounterStatus.FINISHED);
        encounter.getPeriod().setStartElement(new DateTimeType("2026-12-05T08:30:00Z"));
        encounter.getPeriod().setEndElement(new DateTimeType("2026-12-07T14:00:00Z"));
        encounter.addLocation().setLocation(new Reference().setDisplay("4W"));
        return encounter;
    }

    @Test
    void anUpdateWithoutADischargeTimeDoesNotReopenADischargedVisit() {
        Encounter update = new Encounter().setStatus(EncounterStatus.INPROGRESS);
        update.addLocation().setLocation(new Reference().setDisplay("4W"));

        Encounter next = VisitEncounter.update(discharged(), update, "A08");

        assertEquals(EncounterStatus.FINISHED, next.getStatus());
        assertEquals("2026-12-07T14:00:00Z", next.getPeriod().getEndElement().getValueAsString());
        assertEquals("2026-12-05T08:30:00Z", next.getPeriod().getStartElement().getValueAsString());
        assertEquals(1, next.getLocation().size(), "the same location is not a transfer");
    }

    @Test
    void aCancelledDischargeIsInProgressWithoutAnEnd() {
        Encounter update = new Encounter().setStatus(EncounterStatus.INPROGRESS);

        Encounter next = VisitEncounter.update(discharged(), update, "A13");

        assertEquals(EncounterStatus.INPROGRESS, next.getStatus());
        assertEquals(null, next.getPeriod().getEnd());
    }

    @Test
    void theVisitsEntryIdIsPerOrganizationAndVisitIdentifier() {
        Identifier visit = new Identifier()
                .setSystem("urn:chartstream:hl7:RIVERSIDE:visit-number")
                .setValue("V1");

        assertEquals(VisitEncounter.idOf("riverside-clinic", visit), VisitEncounter.idOf("riverside-clinic", visit));
        assertNotEquals(VisitEncounter.idOf("riverside-clinic", visit), VisitEncounter.idOf("st-marys", visit));
    }
}
