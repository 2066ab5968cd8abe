package io.chartstream.patient.registration;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.patient.PersonMergeRequestedV1;
import io.chartstream.fhir.ActingParty;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.decideReview;
import static io.chartstream.patient.registration.PatientApi.gatewayToken;
import static io.chartstream.patient.registration.PatientApi.openReviews;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.read;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An organization's merge request (the gateway's HL7 ADT^A40) as a task of the review queue, on real
 * PostgreSQL and Kafka: recorded once, listed side by side, merged by the administrator's link
 * with the person of PID-3 surviving, declined by not-a-match; never a merge by itself.
 */
@QuarkusTest
class MergeRequestTest {

    private static final String MRN = "urn:riverside-clinic:mrn";

    @Inject
    PatientEventLog events;

    @Test
    void aRequestIsListedSideBySideAndTheAdministratorsLinkMergesIntoThePersonOfPid3() throws SQLException {
        String survivorMrn = unique("R");
        String mergedMrn = unique("R");
        String survivor = registered(survivorMrn, "Odile", unique("Marchetti"), "1958-02-11");
        String merged = registered(mergedMrn, "Odette", unique("Marquetti"), "1985-11-20");
        String controlId = unique("MSG");

        Response asked = request(survivorMrn, mergedMrn, controlId);

        asked.then()
                .statusCode(201)
                .header("X-ChartStream-Position", startsWith("patient-service/"))
                .body("outcome", equalTo("requested"))
                .body("personId", equalTo(merged))
                .body("survivorPersonId", equalTo(survivor));
        String reviewId = asked.jsonPath().getString("reviewId");
        assertEquals(
                List.of(
                        PatientContracts.PATIENT_REGISTERED.typeName(),
                        PatientContracts.PERSON_MERGE_REQUESTED.typeName()),
                events.typesOf(merged));
        PersonMergeRequestedV1 event =
                ContractJson.read(PatientContracts.PERSON_MERGE_REQUESTED, events.dataOf(merged, 2));
        assertEquals(controlId, event.messageControlId());
        assertEquals(RIVERSIDE, event.organization());
        assertEquals(mergedMrn, event.identifier().value());
        assertEquals(survivorMrn, event.survivorIdentifier().value());
        assertStillApart(survivor, merged);

        // the same request again (a resent message) writes nothing and names the same task
        request(survivorMrn, mergedMrn, controlId).then().statusCode(200).body("reviewId", equalTo(reviewId));
        assertEquals(2, events.typesOf(merged).size());

        Map<String, Object> task = openReview(reviewId);
        assertEquals("merge-request", task.get("kind"));
        assertEquals(controlId, task.get("messageControlId"));
        assertEquals(RIVERSIDE, task.get("organization"));
        assertNull(task.get("score"), "a request has no score");
        assertEquals(merged, side(task, "person").get("personId"));
        assertEquals(survivor, side(task, "candidate").get("personId"));
        assertEquals(1, ((List<?>) side(task, "person").get("records")).size(), "both records side by side");
        assertEquals(1, ((List<?>) side(task, "candidate").get("records")).size());

        decideReview(reviewId, "link")
                .then()
                .statusCode(200)
                .body("survivorPersonId", equalTo(survivor))
                .body("personId", equalTo(merged));

        Patient mergedNow = parse(read(merged));
        assertFalse(mergedNow.getActive(), "merged into the person of PID-3");
        assertEquals(Patient.LinkType.REPLACEDBY, mergedNow.getLinkFirstRep().getType());
        assertTrue(mergedNow.getLinkFirstRep().getOther().getReference().endsWith(survivor));
        assertEquals(
                PatientContracts.PERSONS_MERGED.typeName(),
                events.typesOf(survivor).getLast());
        // asked again now: one person already, nothing to ask
        request(survivorMrn, mergedMrn, unique("MSG"))
                .then()
                .statusCode(200)
                .body("outcome", equalTo("same-person"))
                .body("personId", equalTo(survivor));
    }

    @Test
    void notAMatchDeclinesTheRequestAndIsRemembered() throws SQLException {
        String survivorMrn = unique("R");
        String mergedMrn = unique("R");
        String survivor = registered(survivorMrn, "Bruno", unique("Castellano"), "1949-07-04");
        String merged = registered(mergedMrn, "Bernard", unique("Kastelan"), "1991-03-30");
        String reviewId = request(survivorMrn, mergedMrn, unique("MSG"))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getString("reviewId");

        decideReview(reviewId, "not-a-match").then().statusCode(200).body("decision", equalTo("not-a-match"));

        assertEquals(
                PatientContracts.MATCH_REVIEW_DECIDED.typeName(),
                events.typesOf(merged).getLast());
        assertStillApart(survivor, merged);
        assertTrue(openReviews().stream().noneMatch(r -> reviewId.equals(r.get("reviewId"))));
        // the next message asking the same is refused with the administrator's decision, and writes nothing
        int before = events.typesOf(merged).size();
        request(survivorMrn, mergedMrn, unique("MSG"))
                .then()
                .statusCode(422)
                .body("issue[0].code", equalTo("business-rule"));
        assertEquals(before, events.typesOf(merged).size());
    }

    @Test
    void anIdentifierNotTheOrganizationsOwnOrUnknownIsRefusedNamingIt() throws SQLException {
        String survivorMrn = unique("R");
        String survivor = registered(survivorMrn, "Greta", unique("Lindqvist"), "1977-09-09");

        request(survivorMrn, unique("NEVER"), unique("MSG"))
                .then()
                .statusCode(404)
                .body("issue[0].expression[0]", equalTo("mergedIdentifier"));
        asOrganization()
                .body(body(Map.of("system", "urn:st-marys-hospital:mrn", "value", "SM-1"), ours(survivorMrn), "M-1"))
                .post("/merge-requests")
                .then()
                .statusCode(422)
                .body("issue[0].expression[0]", equalTo("survivorIdentifier"));
        assertEquals(List.of(PatientContracts.PATIENT_REGISTERED.typeName()), events.typesOf(survivor));
    }

    @Test
    void onlyTheInternalServiceRoleMayAsk() {
        given().auth()
                .oauth2(TestTokens.token(
                        "service-account-chartstream-exchange",
                        List.of("hie-admin"),
                        Map.of("azp", TestTokens.GATEWAY_CLIENT)))
                .header(ActingParty.ORGANIZATION_HEADER, RIVERSIDE)
                .contentType("application/json")
                .body(body(ours("R-1"), ours("R-2"), "M-2"))
                .post("/merge-requests")
                .then()
                .statusCode(403);
        given().contentType("application/json")
                .body("{}")
                .post("/merge-requests")
                .then()
                .statusCode(401);
    }

    /** A request never joins persons: both are still active, unlinked, and the survivor's stream is untouched. */
    private void assertStillApart(String survivor, String merged) throws SQLException {
        for (String person : List.of(survivor, merged)) {
            Patient now = parse(read(person));
            assertTrue(!now.hasActive() || now.getActive(), person + " is a person of its own");
            assertFalse(now.hasLink(), person + " links no one");
        }
        assertFalse(events.typesOf(survivor).contains(PatientContracts.PERSONS_MERGED.typeName()));
        assertFalse(events.typesOf(merged).contains(PatientContracts.PERSONS_MERGED.typeName()));
    }

    private static String registered(String mrn, String given, String family, String birthDate) {
        String location = register(RIVERSIDE, patient(MRN, mrn, given, family, birthDate))
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static Map<String, String> ours(String value) {
        return Map.of("system", MRN, "value", value);
    }

    private static Map<String, Object> body(
            Map<String, String> survivor, Map<String, String> merged, String controlId) {
        return Map.of("survivorIdentifier", survivor, "mergedIdentifier", merged, "messageControlId", controlId);
    }

    private static io.restassured.specification.RequestSpecification asOrganization() {
        return given().auth()
                .oauth2(gatewayToken())
                .header(ActingParty.ORGANIZATION_HEADER, RIVERSIDE)
                .header(ActingParty.ACTOR_HEADER, "hl7:RIVERSIDE")
                .header(ActingParty.ASSIGNING_AUTHORITIES_HEADER, MRN)
                .contentType("application/json");
    }

    private static Response request(String survivorMrn, String mergedMrn, String controlId) {
        return asOrganization()
                .body(body(ours(survivorMrn), ours(mergedMrn), controlId))
                .post("/merge-requests");
    }

    private static Map<String, Object> openReview(String reviewId) {
        return openReviews().stream()
                .filter(r -> reviewId.equals(r.get("reviewId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no open review " + reviewId));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> side(Map<String, Object> review, String side) {
        return (Map<String, Object>) review.get(side);
    }
}
