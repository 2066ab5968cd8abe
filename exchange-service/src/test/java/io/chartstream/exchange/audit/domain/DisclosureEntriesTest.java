package io.chartstream.exchange.audit.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the gateway's answers become in the audit trail: pure, given a disclosure or a refusal. */
class DisclosureEntriesTest {

    private static final UUID ID = UUID.fromString("0b6f3b7e-8a3c-4d58-9d2f-1c1a2b3c4d5e");
    private static final UUID PERSON = UUID.fromString("3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001");
    private static final Instant AT = Instant.parse("2026-12-05T10:00:00.123456789Z");

    @Test
    void anEverythingPageIsAnOperationNamingThePatientTheInteractionAndEveryResourceOnce() {
        AuditEntry entry = DisclosureEntries.disclosed(
                ID,
                AT,
                PERSON,
                "st-marys-hospital",
                "dr.chen",
                "TREAT",
                "Patient/$everything",
                List.of("Patient/" + PERSON, "Observation/o1", "Condition/c1", "Observation/o1"));

        assertEquals("rest", entry.type());
        assertEquals("operation", entry.subtype());
        assertEquals("E", entry.action());
        assertEquals(AuditEntry.SUCCESS, entry.outcome());
        assertEquals("dr.chen", entry.agentUser());
        assertEquals("st-marys-hospital", entry.agentOrganization());
        assertEquals("TREAT", entry.purposeOfUse());
        assertEquals(PERSON, entry.patient());
        assertEquals(
                List.of("Patient/" + PERSON, "Patient/$everything", "Observation/o1", "Condition/c1"),
                entry.entities());
        assertEquals(Instant.parse("2026-12-05T10:00:00.123456Z"), entry.recorded(), "kept as PostgreSQL keeps it");
    }

    @Test
    void readsSearchesAndRegistrationAnswersGetTheirRestfulSubtypeAndAction() {
        assertEquals("read/R", kindOf("Observation/read"));
        assertEquals("search-type/R", kindOf("Observation?patient"));
        assertEquals("create/C", kindOf("Patient/create"));
        assertEquals("create/C", kindOf("Patient?conditional-create"));
    }

    @Test
    void aRefusalIsOutcomeFourWithItsReasonAndNoPurposeOfUse() {
        AuditEntry entry =
                DisclosureEntries.refused(ID, AT, PERSON, "northside-pediatrics", "dr.novak", "Observation/write");

        assertEquals(AuditEntry.REFUSED, entry.outcome());
        assertEquals("create", entry.subtype());
        assertEquals("C", entry.action());
        assertNull(entry.purposeOfUse());
        assertEquals(DisclosureEntries.NO_CARE_RELATIONSHIP, entry.detail());
        assertEquals(List.of("Patient/" + PERSON, "Observation/write"), entry.entities());
    }

    private static String kindOf(String what) {
        AuditEntry entry = DisclosureEntries.disclosed(ID, AT, PERSON, "org", "actor", "TREAT", what, List.of());
        return entry.subtype() + "/" + entry.action();
    }
}
