package io.chartstream.exchange.gateway.web;

import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.exchange.support.FakeOwners;
import io.chartstream.exchange.support.GatewayCalls;
import io.chartstream.exchange.support.WebhookReceiver;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.chartstream.exchange.support.GatewayCalls.FHIR_JSON;
import static io.chartstream.exchange.support.RecordEvents.observationRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The W3C trace of a write follows it: a clinician's request carrying {@code traceparent} reaches
 * the owning service in the same trace (the REST client's OpenTelemetry instrumentation), and a
 * record event that carries a trace reaches the organization's webhook in that trace, through the
 * org-views projection and the feed event it appends.
 */
@QuarkusTest
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-00f067aa0ba902b7-01";
    }

    private static String traceIdOf(String traceparent) {
        assertNotNull(traceparent, "a traceparent");
        return traceparent.split("-")[1];
    }

    @Test
    void aWriteThroughTheGatewayReachesItsOwnerInTheCallersTrace() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String body = GatewayWriteTest.patientJson("MRN-" + UUID.randomUUID());
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .header("traceparent", traceparent(traceId))
                .contentType(FHIR_JSON)
                .body(body)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(201);
        FakeOwners.Call forwarded = FakeOwners.CALLS.stream()
                .filter(c -> body.equals(c.body()))
                .findFirst()
                .orElseThrow();
        assertEquals(traceId, traceIdOf(forwarded.header("traceparent")));
    }

    @Test
    void aTracedRecordEventReachesTheOrganizationsWebhookInItsTrace() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String org = GatewayCalls.organizationWithWebhook(receiver.url());
            UUID person = UUID.randomUUID();
            publish(patientRegistered(person, org, "MRN-T"));
            RecordedEvent observation = observationRecorded(person, org, UUID.randomUUID(), 6.1);
            EventMetadata m = observation.metadata();
            publish(new RecordedEvent(
                    observation.position(),
                    observation.streamId(),
                    observation.streamVersion(),
                    observation.eventId(),
                    observation.type(),
                    observation.subject(),
                    observation.data(),
                    new EventMetadata(
                            m.correlationId(), m.causationId(), m.actor(), m.organization(), traceparent(traceId)),
                    observation.recordedAt()));

            WebhookReceiver.Delivery notification = Eventually.get(
                    Duration.ofSeconds(30),
                    () -> receiver.acknowledged().stream()
                            .filter(d -> new String(d.body(), StandardCharsets.UTF_8)
                                    .contains("\"resourceType\":\"Observation\""))
                            .findFirst()
                            .orElse(null),
                    d -> d != null);
            assertEquals(traceId, traceIdOf(notification.header("traceparent")));
            // the steps on the way are spans of that trace: the org-views projection applying the
            // event, the relay publishing the feed event it appended, the webhook call
            List<String> steps = Eventually.get(
                    Duration.ofSeconds(10),
                    () -> spans.getFinishedSpanItems().stream()
                            .filter(span -> span.getTraceId().equals(traceId))
                            .map(SpanData::getName)
                            .toList(),
                    names -> names.contains("apply org-views")
                            && names.stream().anyMatch(n -> n.startsWith("publish chartstream.org."))
                            && names.contains("webhook " + org));
            assertTrue(steps.contains("webhook " + org), steps.toString());
        }
    }
}
