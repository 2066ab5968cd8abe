package io.chartstream.exchange.audit.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SIEM stream's cheaper encoding writes the very JSON the default parser writes. */
class AuditEventsTest {

    @Test
    void theStreamEncoderWritesWhatTheDefaultParserWrites() {
        UUID person = UUID.randomUUID();
        AuditEntry read = new AuditEntry(
                UUID.randomUUID(),
                Instant.parse("2026-12-06T08:00:00.123Z"),
                "rest",
                "operation",
                "E",
                AuditEntry.SUCCESS,
                "dr.chen",
                "st-marys-hospital",
                "TREAT",
                "exchange-service",
                person,
                List.of("Patient/" + person, "Observation/" + UUID.randomUUID(), "Patient/$everything"),
                "a detail");
        AuditChain.Link link = new AuditChain.Link(42, read, "a".repeat(64), "b".repeat(64));

        String streamed = AuditEvents.streamEncoder().apply(link);

        assertEquals(
                FhirContext.forR4Cached().newJsonParser().encodeResourceToString(AuditEvents.toFhir(link)), streamed);
        AuditEvent parsed = FhirContext.forR4Cached().newJsonParser().parseResource(AuditEvent.class, streamed);
        assertEquals(3, parsed.getEntity().size(), "the patient, the observation and the operation, once each");
    }
}
