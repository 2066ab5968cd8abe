package io.chartstream.exchange.audit.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SIEM stream's cheaper encoding (the R4 model's own composer) writes the very JSON HAPI's parser writes. */
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

    @Test
    void aRefusalWithoutPersonOrUserAndWithTextToEscapeIsWrittenAlikeToo() {
        AuditEntry refused = new AuditEntry(
                UUID.randomUUID(),
                Instant.parse("2026-12-06T08:00:00Z"),
                "rest",
                "read",
                "R",
                AuditEntry.REFUSED,
                null,
                "northside-clinic",
                null,
                "exchange-service",
                null,
                List.of("Patient/read"),
                "refused: \"no care relationship\" for Zoë Müller\tat 08:00\n\u2028 and a \\ slash");
        AuditChain.Link link = new AuditChain.Link(7, refused, "c".repeat(64), "d".repeat(64));

        String streamed = AuditEvents.streamEncoder().apply(link);

        // the same JSON but for the line separator, which the composer escapes (\\u2028) and HAPI
        // writes as it is: both read back to the same text
        IParser hapi = FhirContext.forR4Cached().newJsonParser();
        AuditEvent parsed = hapi.parseResource(AuditEvent.class, streamed);
        assertEquals(hapi.encodeResourceToString(AuditEvents.toFhir(link)), hapi.encodeResourceToString(parsed));
        assertEquals(refused.detail(), parsed.getOutcomeDesc());
    }
}
