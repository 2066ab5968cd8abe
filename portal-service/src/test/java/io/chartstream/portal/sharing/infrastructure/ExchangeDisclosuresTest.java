package io.chartstream.portal.sharing.infrastructure;

import io.chartstream.portal.sharing.domain.Disclosure;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExchangeDisclosuresTest {

    private static final Instant AT = Instant.parse("2026-12-05T09:30:00Z");

    @Test
    void givenABreakTheGlassReadAuditEvent_whenRead_thenEveryPartOfTheLineIsThere() {
        AuditEvent event = auditEvent("operation", "ETREAT", AuditEvent.AuditEventOutcome._0);
        event.addEntity().setWhat(new Reference().setDisplay("Patient/$everything"));

        Disclosure d = ExchangeDisclosures.disclosure(event);

        assertEquals(
                new Disclosure(
                        42,
                        AT,
                        "dr.novak",
                        "northside-pediatrics",
                        "operation",
                        List.of("Patient/$everything"),
                        "ETREAT",
                        false,
                        null),
                d);
        assertTrue(d.breakTheGlass());
    }

    @Test
    void givenARefusedRead_whenRead_thenItIsMarkedRefusedWithItsReason() {
        AuditEvent event = auditEvent("read", null, AuditEvent.AuditEventOutcome._4);
        event.setOutcomeDesc("no-care-relationship");

        Disclosure d = ExchangeDisclosures.disclosure(event);

        assertTrue(d.refused());
        assertFalse(d.breakTheGlass());
        assertEquals("no-care-relationship", d.detail());
    }

    private static AuditEvent auditEvent(String subtype, String purpose, AuditEvent.AuditEventOutcome outcome) {
        AuditEvent event = new AuditEvent();
        event.setId("42");
        event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", null));
        event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", subtype, null));
        event.setRecorded(Date.from(AT));
        event.setOutcome(outcome);
        AuditEvent.AuditEventAgentComponent user = event.addAgent()
                .setRequestor(true)
                .setWho(new Reference().setIdentifier(new Identifier().setValue("dr.novak")));
        if (purpose != null) {
            user.addPurposeOfUse(new CodeableConcept(
                    new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", purpose, null)));
        }
        event.addAgent().setWho(new Reference("Organization/northside-pediatrics"));
        event.addEntity().setWhat(new Reference("Patient/3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001"));
        return event;
    }
}
