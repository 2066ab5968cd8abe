package io.chartstream.exchange.subscription.application;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.exchange.RemovalReason;
import io.chartstream.exchange.subscription.domain.WebhookSignature;
import io.chartstream.exchange.support.GatewayCalls;
import io.chartstream.exchange.support.WebhookReceiver;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.chartstream.exchange.support.RecordEvents.entryEnteredInError;
import static io.chartstream.exchange.support.RecordEvents.observationRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed FHIR notifications to a real receiver, retried in order while it is down. */
@QuarkusTest
class WebhookDeliveryTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String SECRET = GatewayCalls.WEBHOOK_SECRET;

    static String registerOrganizationWithWebhook(String url) {
        return GatewayCalls.organizationWithWebhook(url);
    }

    static void await(BooleanSupplier condition, long millis, String what) {
        Eventually.within(Duration.ofMillis(millis))
                .pollInterval(Duration.ofMillis(50))
                .alias(what)
                .until(condition::getAsBoolean);
    }

    static long eventNumber(Bundle notification) {
        Parameters status = (Parameters) notification.getEntryFirstRep().getResource();
        return Long.parseLong(status.getParameter().stream()
                .filter(p -> p.getName().equals("notification-event"))
                .findFirst()
                .orElseThrow()
                .getPart()
                .stream()
                .filter(p -> p.getName().equals("event-number"))
                .findFirst()
                .orElseThrow()
                .getValue()
                .primitiveValue());
    }

    @Test
    void notificationIsSignedOverItsExactBytesAndCarriesTheChangedResource() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String org = registerOrganizationWithWebhook(receiver.url());
            UUID person = UUID.randomUUID();
            publish(patientRegistered(person, org, "MRN-W"));
            publish(observationRecorded(person, org, UUID.randomUUID(), 6.9));

            await(() -> receiver.acknowledged().size() >= 2, 20_000, "two notifications");

            // the notification that carries the observation (the registration's may arrive after it
            // when the view learns the organization's identifier systems late, under load)
            WebhookReceiver.Delivery withObservation = receiver.acknowledged().stream()
                    .filter(d -> new String(d.body(), java.nio.charset.StandardCharsets.UTF_8)
                            .contains("\"resourceType\":\"Observation\""))
                    .findFirst()
                    .orElseThrow();
            assertTrue(WebhookSignature.verify(
                    SECRET, withObservation.body(), withObservation.header("X-ChartStream-Signature")));
            assertTrue(!WebhookSignature.verify(
                    "another-secret-value", withObservation.body(), withObservation.header("X-ChartStream-Signature")));
            Bundle bundle = FHIR.newJsonParser()
                    .parseResource(
                            Bundle.class, new String(withObservation.body(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(Bundle.BundleType.HISTORY, bundle.getType());
            Parameters status =
                    assertInstanceOf(Parameters.class, bundle.getEntry().get(0).getResource());
            long number = eventNumber(bundle);
            assertTrue(number == 1 || number == 2, "one of the first two notifications: " + number);
            assertEquals(
                    String.valueOf(number),
                    status.getParameter("events-since-subscription-start")
                            .getValue()
                            .primitiveValue());
            assertEquals(String.valueOf(number), withObservation.header("X-ChartStream-Event-Number"));
            assertInstanceOf(Observation.class, bundle.getEntry().get(1).getResource());
        }
    }

    @Test
    void anEntryEnteredInErrorIsNotifiedAsADeleteWhoseOutcomeSaysSo() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String org = registerOrganizationWithWebhook(receiver.url());
            UUID person = UUID.randomUUID();
            UUID entry = UUID.randomUUID();
            publish(patientRegistered(person, org, "MRN-EIE"));
            publish(observationRecorded(person, org, entry, 6.9));
            publish(entryEnteredInError(person, org, entry, 6.9, 2));

            await(() -> receiver.acknowledged().size() >= 3, 20_000, "three notifications");

            Bundle.BundleEntryComponent deleted = receiver.acknowledged().stream()
                    .map(d -> FHIR.newJsonParser()
                            .parseResource(Bundle.class, new String(d.body(), java.nio.charset.StandardCharsets.UTF_8)))
                    .map(b -> b.getEntry().get(1))
                    .filter(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.DELETE)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no DELETE notification"));
            assertEquals("Observation/" + entry, deleted.getRequest().getUrl());
            assertTrue(!deleted.hasResource(), "a DELETE entry carries no resource");
            OperationOutcome outcome = assertInstanceOf(
                    OperationOutcome.class, deleted.getResponse().getOutcome());
            assertEquals(
                    OperationOutcome.IssueType.DELETED,
                    outcome.getIssueFirstRep().getCode());
            assertEquals(
                    RemovalReason.ENTERED_IN_ERROR,
                    outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode());
            assertTrue(outcome.getIssueFirstRep().getDiagnostics().contains("entered in error"));
        }
    }

    @Test
    void receiverThatIsDownGetsTheNotificationRetriedAndEachArrivesOnceInOrder() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(503, 503)) {
            String org = registerOrganizationWithWebhook(receiver.url());
            UUID person = UUID.randomUUID();
            publish(patientRegistered(person, org, "MRN-R"));
            publish(observationRecorded(person, org, UUID.randomUUID(), 7.1));
            publish(observationRecorded(person, org, UUID.randomUUID(), 7.3));

            await(() -> receiver.acknowledged().size() >= 3, 30_000, "three acknowledged notifications");

            // nothing more may arrive: the deliveries stay exactly these for half a second
            Eventually.within(Duration.ofSeconds(5))
                    .during(Duration.ofMillis(500))
                    .untilAsserted(() -> assertEquals(
                            List.of(1L, 1L, 1L, 2L, 3L),
                            receiver.deliveries.stream()
                                    .map(d -> Long.parseLong(d.header("X-ChartStream-Event-Number")))
                                    .toList(),
                            "refused twice, then each once, in order"));
            List<Long> acknowledged = receiver.acknowledged().stream()
                    .map(d -> eventNumber(FHIR.newJsonParser()
                            .parseResource(
                                    Bundle.class, new String(d.body(), java.nio.charset.StandardCharsets.UTF_8))))
                    .toList();
            assertEquals(List.of(1L, 2L, 3L), acknowledged);
            // a retry sends the very same bytes
            assertTrue(java.util.Arrays.equals(
                    receiver.deliveries.get(0).body(),
                    receiver.deliveries.get(2).body()));
        }
    }

    @Inject
    WebhookDispatcher dispatcher;

    /** The test profile puts a subscription in error after 1 s of failures (chartstream.webhooks.error-after). */
    @Test
    void aReceiverDownLongerThanAllowedIsInErrorAndDeliveryResumesWhereItStopped() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(503, 503, 503, 503)) {
            String org = registerOrganizationWithWebhook(receiver.url());
            UUID person = UUID.randomUUID();
            publish(patientRegistered(person, org, "MRN-E"));
            publish(observationRecorded(person, org, UUID.randomUUID(), 6.4));

            await(() -> inError(org), 10_000, "the subscription in error");
            assertTrue(receiver.acknowledged().isEmpty(), "in error while nothing was acknowledged");
            given().when()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString("chartstream_webhook_subscriptions_in_error"));

            await(() -> receiver.acknowledged().size() >= 2, 30_000, "both notifications once it answers");
            assertEquals(
                    List.of(1L, 1L, 1L, 1L, 1L, 2L),
                    receiver.deliveries.stream()
                            .map(d -> Long.parseLong(d.header("X-ChartStream-Event-Number")))
                            .toList(),
                    "resumed at the event it stopped at, then the next");
            await(() -> !inError(org), 5_000, "the error cleared");
        }
    }

    private boolean inError(String org) {
        try {
            return dispatcher
                    .deliveries()
                    .target(org)
                    .map(t -> t.cursor().inError(Instant.now(), Duration.ofSeconds(1)))
                    .orElse(false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void organizationFetchesMissedNotificationsWithEvents() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String org = registerOrganizationWithWebhook(receiver.url());
            UUID person = UUID.randomUUID();
            publish(patientRegistered(person, org, "MRN-E"));
            publish(observationRecorded(person, org, UUID.randomUUID(), 5.5));
            await(() -> receiver.acknowledged().size() >= 2, 20_000, "two notifications");

            given().auth()
                    .oauth2(TestTokens.orgSystem(org))
                    .when()
                    .get("/fhir/Subscription/{org}/$events?eventsSinceNumber=2", org)
                    .then()
                    .statusCode(200)
                    .body("type", equalTo("history"))
                    .body("entry.size()", equalTo(2))
                    .body("entry[0].resource.parameter.find { it.name == 'type' }.valueCode", equalTo("query-event"))
                    .body(
                            "entry[0].resource.parameter.find { it.name == 'notification-event' }.part[0].valueString",
                            equalTo("2"))
                    .body("entry[1].resource.resourceType", equalTo("Observation"));
            given().auth()
                    .oauth2(TestTokens.orgSystem("riverside-clinic"))
                    .when()
                    .get("/fhir/Subscription/{org}/$events", org)
                    .then()
                    .statusCode(403)
                    .body("resourceType", equalTo("OperationOutcome"));
        }
    }
}
