package io.chartstream.exchange.hl7feed.application;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import io.chartstream.exchange.support.GatewayCalls;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.MllpReceiver;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chartstream.exchange.support.AuditSearch.audit;
import static io.chartstream.exchange.support.RecordEvents.entryRecorded;
import static io.chartstream.exchange.support.RecordEvents.observationRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An organization's feed as HL7 v2 to a real MLLP receiver: in order, resent after an AE, audited. */
@QuarkusTest
class Hl7FeedDeliveryTest {

    private static final HapiContext HL7 = new DefaultHapiContext();

    @Test
    void resultsAndEncountersArriveInFeedOrderAndARefusedMessageIsSentAgainAsItWas() throws Exception {
        try (MllpReceiver receiver = new MllpReceiver(1)) {
            String org = organization();
            setFeed(org, receiver.endpoint()).statusCode(200).body("endpoint", equalTo(receiver.endpoint()));
            UUID person = UUID.randomUUID();
            UUID result = UUID.randomUUID();
            UUID visit = UUID.randomUUID();
            publish(patientRegistered(person, org, "MRN-H7"));
            publish(observationRecorded(person, org, result, 6.9));
            publish(entryRecorded(person, org, encounter(visit)));

            Eventually.within(Duration.ofSeconds(30))
                    .alias("the result and the visit accepted")
                    .until(() -> receiver.accepted.size() >= 2);
            // nothing more arrives: refused once, then each once, in order
            Eventually.within(Duration.ofSeconds(5))
                    .during(Duration.ofMillis(500))
                    .untilAsserted(() -> assertEquals(3, receiver.received.size(), receiver.received.toString()));
            assertEquals(receiver.received.get(0), receiver.received.get(1), "the AE'd message is resent as it was");

            Terser oru = terser(receiver.accepted.get(0));
            assertEquals("ORU", oru.get("/MSH-9-1"));
            assertEquals(result.toString(), oru.get("/.OBR-3-1"));
            assertEquals("6.9", oru.get("/.OBX-5"));
            assertEquals("MRN-H7", oru.get("/.PID-3(0)-1"), "the organization's own MRN first");
            assertEquals("urn:chartstream:" + org + ":mrn", oru.get("/.PID-3(0)-4-2"));
            assertEquals(person.toString(), oru.get("/.PID-3(1)-1"), "and the exchange's person id");
            Terser adt = terser(receiver.accepted.get(1));
            assertEquals("ADT", adt.get("/MSH-9-1"));
            assertEquals("A01", adt.get("/MSH-9-2"));
            assertEquals("I", adt.get("/PV1-2"));
            long oruNumber = Long.parseLong(oru.get("/MSH-10").substring(1));
            long adtNumber = Long.parseLong(adt.get("/MSH-10").substring(1));
            assertTrue(oruNumber < adtNumber, "feed order: " + oruNumber + " then " + adtNumber);

            Eventually.assertThat(() -> audit("agent=" + org + "&subtype=hl7-feed-message&entity=Observation/" + result)
                    .body("total", equalTo(1)));
            audit("agent=" + org + "&subtype=hl7-feed-message&entity=Encounter/" + visit)
                    .body("total", equalTo(1));
            given().when()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(containsString("chartstream_hl7_feeds_in_error"));
        }
    }

    @Test
    void anHieAdministratorSetsReadsAndStopsAFeedAndEachChangeIsAudited() {
        String org = organization();
        setFeed(org, "mllp://hl7.example.org:2575").statusCode(200);
        admin().get("/admin/organizations/{id}/hl7-feed", org)
                .then()
                .statusCode(200)
                .body("endpoint", equalTo("mllp://hl7.example.org:2575"));
        audit("type=admin&subtype=hl7-feed-set&entity=Organization/" + org)
                .body("total", equalTo(1))
                .body("entry[0].resource.agent[0].who.identifier.value", equalTo("admin"));

        admin().delete("/admin/organizations/{id}/hl7-feed", org).then().statusCode(204);
        admin().get("/admin/organizations/{id}/hl7-feed", org).then().statusCode(404);
        audit("type=admin&subtype=hl7-feed-removed&entity=Organization/" + org).body("total", equalTo(1));
    }

    @Test
    void aBadEndpointAnUnknownOrganizationAndANonAdministratorAreRefused() {
        String org = organization();
        setFeed(org, "http://hl7.example.org:2575").statusCode(400).body("error", containsString("mllp://host:port"));
        setFeed("no-such-org", "mllp://hl7.example.org:2575").statusCode(404);
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", org))
                .contentType(ContentType.JSON)
                .body(Map.of("endpoint", "mllp://hl7.example.org:2575"))
                .put("/admin/organizations/{id}/hl7-feed", org)
                .then()
                .statusCode(403);
        admin().get("/admin/organizations/{id}/hl7-feed", org).then().statusCode(404);
    }

    @Test
    void anOrganizationsOwnAdministratorSetsItsFeedAndNoOtherOrganizations() {
        String org = organization();
        String other = organization();
        String orgAdmin = TestTokens.token("it-admin", List.of("org-admin"), Map.of("org_id", org));
        given().auth()
                .oauth2(orgAdmin)
                .contentType(ContentType.JSON)
                .body(Map.of("endpoint", "mllp://hl7.example.org:2575"))
                .put("/admin/organizations/{id}/hl7-feed", org)
                .then()
                .statusCode(200);
        audit("type=admin&subtype=hl7-feed-set&entity=Organization/" + org)
                .body("entry[0].resource.agent[0].who.identifier.value", equalTo("it-admin"));
        given().auth()
                .oauth2(orgAdmin)
                .contentType(ContentType.JSON)
                .body(Map.of("endpoint", "mllp://hl7.example.org:2575"))
                .put("/admin/organizations/{id}/hl7-feed", other)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(orgAdmin)
                .delete("/admin/organizations/{id}/hl7-feed", other)
                .then()
                .statusCode(403);
        admin().get("/admin/organizations/{id}/hl7-feed", other).then().statusCode(404);
    }

    private static String organization() {
        String org = GatewayCalls.org("hl7-hospital");
        admin().contentType(ContentType.JSON)
                .body(Map.of("id", org, "name", "HL7 Hospital"))
                .post("/admin/organizations")
                .then()
                .statusCode(201);
        return org;
    }

    private static io.restassured.response.ValidatableResponse setFeed(String org, String endpoint) {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("endpoint", endpoint))
                .put("/admin/organizations/{id}/hl7-feed", org)
                .then();
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.withRoles("admin", "hie-admin"));
    }

    private static Encounter encounter(UUID id) {
        Encounter visit = new Encounter()
                .setStatus(Encounter.EncounterStatus.INPROGRESS)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient"));
        visit.setId(id.toString());
        visit.getPeriod().setStartElement(new DateTimeType("2026-12-01T06:00:00Z"));
        return visit;
    }

    private static Terser terser(String er7) throws Exception {
        Message message = HL7.getPipeParser().parse(er7);
        return new Terser(message);
    }

    static List<String> controlIds(List<String> messages) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (String m : messages) {
            ids.add(terser(m).get("/MSH-10"));
        }
        return ids;
    }
}
