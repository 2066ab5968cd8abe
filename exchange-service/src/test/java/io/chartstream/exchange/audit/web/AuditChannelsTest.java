package io.chartstream.exchange.audit.web;

import io.chartstream.exchange.support.GatewayCalls;
import io.chartstream.exchange.support.WebhookReceiver;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.chartstream.exchange.support.AuditSearch.audit;
import static io.chartstream.exchange.support.RecordEvents.observationRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * The channels that push a record to an organization are audited too: each record published into
 * its feed, each notification sent to its webhook, each event of an {@code $events} answer.
 */
@QuarkusTest
class AuditChannelsTest {

    @Test
    void feedRecordsWebhookNotificationsAndEventsAnswersAreAudited() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String org = GatewayCalls.organizationWithWebhook(receiver.url());
            UUID person = UUID.randomUUID();
            UUID entry = UUID.randomUUID();
            publish(patientRegistered(person, org, "MRN-AU"));
            publish(observationRecorded(person, org, entry, 6.4));
            String observation = "Observation/" + entry;

            Eventually.assertThat(() -> audit("agent=" + org + "&subtype=feed-record&entity=" + observation)
                    .body("total", equalTo(1))
                    .body("entry[0].resource.entity[0].what.reference", equalTo("Patient/" + person)));
            Eventually.assertThat(() -> audit("agent=" + org + "&subtype=webhook-notification&entity=" + observation)
                    .body("total", equalTo(1)));

            given().auth()
                    .oauth2(TestTokens.orgSystem(org))
                    .get("/fhir/Subscription/{org}/$events?eventsSinceNumber=1", org)
                    .then()
                    .statusCode(200);
            audit("agent=" + org + "&subtype=events-answer&patient=" + person)
                    .body("entry.resource.entity.flatten().what.reference", hasItem(observation));
        }
    }

    /**
     * Requests refused for their token never reach a record, but they are attempts all the same:
     * tallied per window (1 s in tests) into the trail, with the endpoint, the address, the reason
     * and, for a 403, who the token named.
     */
    @Test
    void requestsRefusedForTheirTokenAreTalliedIntoTheTrail() {
        UUID person = UUID.randomUUID();
        given().get("/fhir/Patient/{id}/$everything", person).then().statusCode(401);
        given().auth()
                .oauth2("not-a-token")
                .get("/fhir/Patient/{id}/$everything", person)
                .then()
                .statusCode(401);
        String mallory = "mallory-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(TestTokens.patient(mallory, person.toString()))
                .get("/fhir/Patient/{id}/$everything", person)
                .then()
                .statusCode(403);
        String everything = "GET /fhir/Patient/{id}/$everything";

        Eventually.assertThat(() -> audit("type=security&subtype=unauthenticated&outcome=4", "entity", everything)
                .body("total", greaterThanOrEqualTo(1))
                .body("entry.resource.outcomeDesc", hasItem(containsString("UnauthorizedException")))
                .body("entry.resource.outcomeDesc", hasItem(containsString("AuthenticationFailedException"))));
        Eventually.assertThat(() -> audit("type=security&subtype=forbidden&agent=" + mallory)
                .body("total", equalTo(1))
                .body("entry[0].resource.entity[0].what.display", equalTo(everything))
                .body("entry[0].resource.outcomeDesc", startsWith("1 attempt between")));
    }

    @Test
    void aRedriveByTheHiesAdministratorIsAuditedBeforeItRuns() {
        given().auth()
                .oauth2(TestTokens.withRoles("ops-admin", "hie-admin"))
                .post("/admin/projections/org-views/redrive")
                .then()
                .statusCode(200);

        audit("type=admin&subtype=projection-redrive&agent=ops-admin")
                .body("total", greaterThanOrEqualTo(1))
                .body("entry[0].resource.entity[0].what.display", equalTo("projection/org-views"));
    }
}
