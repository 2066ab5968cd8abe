package io.chartstream.exchange.audit.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.audit.infrastructure.AuditStream;
import io.chartstream.exchange.support.GatewayCalls.Setup;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.chartstream.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chartstream.exchange.support.GatewayCalls.operation;
import static io.chartstream.exchange.support.GatewayCalls.org;
import static io.chartstream.exchange.support.GatewayCalls.personWithAnObservation;
import static io.chartstream.exchange.support.GatewayCalls.reason;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail leaves the database: every record, once at least and without a gap, as a FHIR
 * R4 AuditEvent on chartstream.audit.events (a SIEM's feed, keyed by the patient, the sequence in
 * a header), and the chain's head as anchors on chartstream.audit.anchors that match the chain the
 * verification proves.
 */
@QuarkusTest
class AuditStreamTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String CHAIN = "urn:chartstream:audit:chain:";

    @Inject
    DataSource dataSource;

    /** A published record: where it is on the topic, its sequence header and its AuditEvent. */
    record Published(int partition, String key, long sequence, AuditEvent event) {}

    @Test
    void anAuditedReadAndAnAttestationReachTheSiemAsAuditEventsKeyedByThePatient() {
        Setup s = personWithAnObservation();
        String northside = org("northside");
        operation(northside, s.person(), "$attest-treatment", reason("referred for asthma"))
                .statusCode(200);

        Map<String, Published> bySubtype = new HashMap<>();
        Eventually.assertThat(() -> {
            bySubtype.clear();
            for (Published p : published()) {
                if (p.key().equals(s.person().toString())) {
                    bySubtype.putIfAbsent(p.event().getSubtypeFirstRep().getCode(), p);
                }
            }
            assertTrue(bySubtype.containsKey("operation"), "the $everything read: " + bySubtype.keySet());
            assertTrue(bySubtype.containsKey("attest-treatment"), "the attestation: " + bySubtype.keySet());
        });

        AuditEvent read = bySubtype.get("operation").event();
        assertEquals("rest", read.getType().getCode());
        assertEquals("E", read.getAction().toCode());
        assertEquals("0", read.getOutcome().toCode());
        assertEquals("Patient/" + s.person(), read.getEntityFirstRep().getWhat().getReference());
        assertEquals(
                "Organization/" + s.clinic(), read.getAgent().get(1).getWho().getReference());
        assertEquals(
                "TREAT",
                read.getAgentFirstRep()
                        .getPurposeOfUseFirstRep()
                        .getCodingFirstRep()
                        .getCode());

        AuditEvent attestation = bySubtype.get("attest-treatment").event();
        assertEquals("access", attestation.getType().getCode());
        assertEquals(
                "Organization/" + northside,
                attestation.getAgent().get(1).getWho().getReference());
        assertTrue(attestation.getOutcomeDesc().contains("referred for asthma"), attestation.getOutcomeDesc());

        for (Published p : bySubtype.values()) {
            assertEquals(String.valueOf(p.sequence()), p.event().getIdPart(), "the header names the record");
            assertEquals(String.valueOf(p.sequence()), chain(p.event(), "sequence"));
            assertEquals(64, chain(p.event(), "hash").length());
        }
    }

    @Test
    void everyRecordIsPublishedInOrderAndTheAnchorsMatchTheVerifiedChain() {
        personWithAnObservation();
        Eventually.assertThat(() -> assertTrue(verify().getLong("lastSequence") > 0));
        JsonPath verified = verify();
        long head = verified.getLong("lastSequence");
        Eventually.assertThat(() -> assertTrue(publishedSequence() >= head, "published up to the head " + head));

        // the SIEM's view: every sequence up to the head, each partition in sequence order, keyed by the patient
        List<Published> records = published();
        Map<Long, Published> bySequence = new HashMap<>();
        Map<Integer, Long> lastInPartition = new HashMap<>();
        for (Published p : records) {
            if (bySequence.putIfAbsent(p.sequence(), p) != null) {
                continue; // at least once: a redelivered record is a duplicate a SIEM drops
            }
            Long previous = lastInPartition.put(p.partition(), p.sequence());
            assertTrue(previous == null || previous < p.sequence(), "in order: " + previous + " then " + p.sequence());
            assertEquals(String.valueOf(p.sequence()), p.event().getIdPart());
            assertEquals(patientOf(p.event()), p.key());
        }
        for (long sequence = 1; sequence <= head; sequence++) {
            assertTrue(bySequence.containsKey(sequence), "record " + sequence + " was published");
        }
        assertEquals(verified.getString("lastHash"), chain(bySequence.get(head).event(), "hash"));

        // the auditor's view: anchors only when the head moved, each one the chain's head at the time
        Eventually.assertThat(() -> {
            List<JsonPath> anchors = TopicReader.readAll(AuditStream.ANCHORS_TOPIC).stream()
                    .map(r -> JsonPath.from(TopicReader.value(r)))
                    .toList();
            assertTrue(!anchors.isEmpty() && last(anchors).getLong("sequence") >= head, "the head is anchored");
            JsonPath now = verify();
            assertTrue(now.getBoolean("intact"));
            assertTrue(now.getLong("lastSequence") >= last(anchors).getLong("sequence"));
            Map<Long, String> hashes = new HashMap<>();
            published().forEach(p -> hashes.putIfAbsent(p.sequence(), chain(p.event(), "hash")));
            long previous = 0;
            for (JsonPath anchor : anchors) {
                long sequence = anchor.getLong("sequence");
                assertTrue(sequence > previous, "anchored again only after the head moved");
                previous = sequence;
                assertEquals(hashes.get(sequence), anchor.getString("hash"), "the anchor at " + sequence);
                Instant.parse(anchor.getString("at"));
                if (sequence == now.getLong("lastSequence")) {
                    assertEquals(now.getString("lastHash"), anchor.getString("hash"));
                }
            }
        });
    }

    private static List<Published> published() {
        List<Published> all = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readAll(AuditStream.EVENTS_TOPIC)) {
            String header = TopicReader.header(r, AuditStream.SEQUENCE_HEADER);
            assertNotNull(header, "every record carries its sequence");
            all.add(new Published(
                    r.partition(),
                    r.key(),
                    Long.parseLong(header),
                    FHIR.newJsonParser().parseResource(AuditEvent.class, TopicReader.value(r))));
        }
        return all;
    }

    /** The entity in the patient role (object-role 1), or "none". */
    private static String patientOf(AuditEvent event) {
        return event.getEntity().stream()
                .filter(e -> "1".equals(e.getRole().getCode()))
                .map(e -> UUID.fromString(e.getWhat().getReferenceElement().getIdPart())
                        .toString())
                .findFirst()
                .orElse("none");
    }

    private static String chain(AuditEvent event, String part) {
        return event.getExtensionByUrl(CHAIN + part).getValue().primitiveValue();
    }

    private static JsonPath last(List<JsonPath> anchors) {
        return anchors.get(anchors.size() - 1);
    }

    private long publishedSequence() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select published_sequence from audit.audit_publication")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static JsonPath verify() {
        return given().auth()
                .oauth2(TestTokens.withRoles("privacy-officer", "auditor"))
                .get("/admin/audit/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
