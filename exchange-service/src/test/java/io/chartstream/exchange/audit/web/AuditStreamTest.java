package io.chartstream.exchange.audit.web;

import io.chartstream.exchange.audit.infrastructure.AuditStream;
import io.chartstream.exchange.support.GatewayCalls.Setup;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.chartstream.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.chartstream.exchange.support.GatewayCalls.personWithAnObservation;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail leaves the database: every record as a FHIR AuditEvent on
 * chartstream.audit.events (a SIEM's feed), and the chain's head as anchors on
 * chartstream.audit.anchors that match what the verification proves.
 */
@QuarkusTest
class AuditStreamTest {

    @Test
    void auditRecordsReachTheSiemTopicAsAuditEventsAndTheHeadIsAnchored() {
        Setup s = personWithAnObservation();

        var published = TopicReader.await(
                AuditStream.EVENTS_TOPIC,
                r -> s.person().toString().equals(r.key())
                        && TopicReader.value(r).contains("\"operation\""),
                1,
                Duration.ofSeconds(20));
        JsonPath event = JsonPath.from(TopicReader.value(published.get(0)));
        assertEquals("AuditEvent", event.getString("resourceType"));
        assertEquals("Patient/" + s.person(), event.getString("entity[0].what.reference"));
        assertNotNull(TopicReader.header(published.get(0), AuditStream.SEQUENCE_HEADER));

        long sequence = Long.parseLong(TopicReader.header(published.get(0), AuditStream.SEQUENCE_HEADER));
        Eventually.assertThat(() -> {
            List<JsonPath> anchors = TopicReader.readAll(AuditStream.ANCHORS_TOPIC).stream()
                    .map(r -> JsonPath.from(TopicReader.value(r)))
                    .toList();
            JsonPath last = anchors.get(anchors.size() - 1);
            assertTrue(last.getLong("sequence") >= sequence, "the head is anchored past the record");
            JsonPath verified = given().auth()
                    .oauth2(TestTokens.withRoles("privacy-officer", "auditor"))
                    .get("/admin/audit/verify")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertTrue(verified.getLong("lastSequence") >= last.getLong("sequence"));
            for (JsonPath anchor : anchors) {
                assertEquals(64, anchor.getString("hash").length());
            }
        });
    }
}
