package io.chartstream.patient.registration;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.patient.MatchReviewDecidedV1;
import io.chartstream.contracts.patient.MatchReviewRequestedV1;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.patient.PersonsMergedV1;
import io.chartstream.fhir.ActingParty;
import io.chartstream.patient.matching.domain.HeldBack;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.chartstream.patient.registration.PatientApi.decideReview;
import static io.chartstream.patient.registration.PatientApi.gatewayToken;
import static io.chartstream.patient.registration.PatientApi.merge;
import static io.chartstream.patient.registration.PatientApi.openReviews;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.read;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.registered;
import static io.chartstream.patient.registration.PatientApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review queue of possible matches (review feature), on real PostgreSQL and Kafka. */
@QuarkusTest
class MatchReviewQueueTest {

    @Inject
    PatientEventLog events;

    @Test
    void aPossibleMatchIsListedSideBySideAndNotAMatchClosesItAsAnEvent() throws SQLException {
        String phone = "508" + (System.nanoTime() % 10_000_000L);
        // twin sisters: one household's family name, birth date, phone and address, two given names
        String family = unique("Kowalczyk");
        String riverside = personId(register(
                "riverside-clinic",
                living(patient("urn:riverside-clinic:mrn", unique("R"), "Agnieszka", family, "1971-06-14"), phone)));
        String newPerson = personId(register(
                "st-marys-hospital",
                living(patient("urn:st-marys-hospital:mrn", unique("SM"), "Zofia", family, "1971-06-14"), phone)));

        Map<String, Object> review = openReviewOf(newPerson);
        assertEquals(riverside, ((Map<?, ?>) review.get("candidate")).get("personId"));
        assertEquals(1, ((List<?>) ((Map<?, ?>) review.get("candidate")).get("records")).size());
        assertTrue(review.get("contributions").toString().contains("GIVEN"), review.toString());
        // and why it is no link, in the listing and in the event: the twins' given names differ
        assertEquals(
                List.of(Map.of("rule", "GIVEN_AGREES", "reason", HeldBack.GIVEN_AGREES.reason())),
                review.get("heldBackBy"),
                review.toString());
        MatchReviewRequestedV1 requested =
                ContractJson.read(PatientContracts.MATCH_REVIEW_REQUESTED, events.dataOf(newPerson, 2));
        assertEquals(List.of("GIVEN_AGREES"), requested.match().heldBackBy());
        String reviewId = (String) review.get("reviewId");

        decideReview(reviewId, "not-a-match")
                .then()
                .statusCode(200)
                .header("X-ChartStream-Position", startsWith("patient-service/"));

        // the decision is an event on the new person's stream, after its registration and the request
        assertEquals(
                List.of(
                        PatientContracts.PATIENT_REGISTERED.typeName(),
                        PatientContracts.MATCH_REVIEW_REQUESTED.typeName(),
                        PatientContracts.MATCH_REVIEW_DECIDED.typeName()),
                events.typesOf(newPerson));
        MatchReviewDecidedV1 decided =
                ContractJson.read(PatientContracts.MATCH_REVIEW_DECIDED, events.dataOf(newPerson, 3));
        assertEquals(reviewId, decided.reviewId().toString());
        assertEquals(riverside, decided.candidatePersonId().toString());
        assertEquals(MatchReviewDecidedV1.NOT_A_MATCH, decided.decision());

        assertTrue(
                openReviews().stream().noneMatch(r -> reviewId.equals(r.get("reviewId"))), "decided, no longer open");
        decideReview(reviewId, "not-a-match").then().statusCode(404);
    }

    @Test
    void aLinkMergesTheRegistrationsPersonIntoTheCandidateOnBothStreams() throws SQLException {
        String phone = "509" + (System.nanoTime() % 10_000_000L);
        // a possible match (one household's family name, birth date, phone and address, two given
        // names) that the administrator, knowing better, decides is one person
        String family = unique("Nowak");
        String riverside = personId(register(
                "riverside-clinic",
                living(patient("urn:riverside-clinic:mrn", unique("R"), "Agnieszka", family, "1972-03-09"), phone)));
        String stMarysMrn = unique("SM");
        String newPerson = personId(register(
                "st-marys-hospital",
                living(patient("urn:st-marys-hospital:mrn", stMarysMrn, "Zofia", family, "1972-03-09"), phone)));
        String reviewId = (String) openReviewOf(newPerson).get("reviewId");

        Response linked = decideReview(reviewId, "link");

        linked.then()
                .statusCode(200)
                .body("decision", org.hamcrest.Matchers.equalTo("link"))
                .body("survivorPersonId", org.hamcrest.Matchers.equalTo(riverside))
                .body("mergeId", org.hamcrest.Matchers.notNullValue());
        assertEquals(
                List.of(
                        PatientContracts.PATIENT_REGISTERED.typeName(),
                        PatientContracts.MATCH_REVIEW_REQUESTED.typeName(),
                        PatientContracts.MATCH_REVIEW_DECIDED.typeName(),
                        PatientContracts.PERSONS_MERGED.typeName()),
                events.typesOf(newPerson));
        assertEquals(
                PatientContracts.PERSONS_MERGED.typeName(),
                events.typesOf(riverside).getLast());
        PersonsMergedV1 merged = ContractJson.read(PatientContracts.PERSONS_MERGED, events.dataOf(newPerson, 4));
        assertEquals(reviewId, merged.reviewId().toString());
        assertEquals(riverside, merged.survivorPersonId().toString());
        assertEquals(newPerson, merged.mergedPersonId().toString());
        assertTrue(
                openReviews().stream().noneMatch(r -> reviewId.equals(r.get("reviewId"))), "decided, no longer open");
        // St Mary's registering its patient again is answered as the survivor
        register("st-marys-hospital", patient("urn:st-marys-hospital:mrn", stMarysMrn, "Zofia", family, "1972-03-09"))
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(riverside));
    }

    /**
     * The reviewer looked at the candidate; when it was merged into another person since the
     * review was raised, a link is refused (409, the review stays open) until the reviewer, having
     * looked at that survivor in the listing, names it (decisions §25).
     */
    @Test
    void aLinkToACandidateMergedSinceIsRefusedUntilTheReviewerConfirmsTheSurvivor() {
        String phone = "507" + (System.nanoTime() % 10_000_000L);
        String family = unique("Wisniewska");
        String candidate = personId(register(
                "riverside-clinic",
                living(patient("urn:riverside-clinic:mrn", unique("R"), "Agnieszka", family, "1973-02-11"), phone)));
        String newPerson = personId(register(
                "st-marys-hospital",
                living(patient("urn:st-marys-hospital:mrn", unique("SM"), "Zofia", family, "1973-02-11"), phone)));
        String reviewId = (String) openReviewOf(newPerson).get("reviewId");
        String survivor = registered("riverside-clinic", "urn:riverside-clinic:mrn", unique("R"), "Agnes", unique("W"));
        merge(survivor, candidate, "the candidate was a duplicate").then().statusCode(200);

        decideReview(reviewId, "link")
                .then()
                .statusCode(409)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("conflict"))
                .body("issue[0].diagnostics", containsString("was merged into " + survivor));
        Map<String, Object> stillOpen = openReviewOf(newPerson);
        assertEquals(candidate, ((Map<?, ?>) stillOpen.get("candidate")).get("personId"));
        assertEquals(survivor, ((Map<?, ?>) stillOpen.get("candidateSurvivor")).get("personId"));
        assertEquals(1, ((List<?>) ((Map<?, ?>) stillOpen.get("candidateSurvivor")).get("records")).size());
        decideLink(reviewId, candidate).then().statusCode(409);
        assertTrue(parse(read(newPerson)).getLink().isEmpty(), "nothing was merged by the refusals");

        decideLink(reviewId, survivor)
                .then()
                .statusCode(200)
                .body("survivorPersonId", equalTo(survivor))
                .body("candidatePersonId", equalTo(candidate));
        assertEquals(
                "Patient/" + survivor,
                parse(read(newPerson)).getLinkFirstRep().getOther().getReference());
    }

    @Test
    void onlyTheInternalServiceRoleMayUseTheQueue() {
        given().auth()
                .oauth2(TestTokens.token(
                        "service-account-chartstream-exchange",
                        List.of("hie-admin"),
                        Map.of("azp", TestTokens.GATEWAY_CLIENT)))
                .get("/match-reviews")
                .then()
                .statusCode(403);
        // any other client's token is not the gateway's (decisions §11)
        given().auth()
                .oauth2(TestTokens.withRoles("dr.chen", "clinician"))
                .get("/match-reviews")
                .then()
                .statusCode(401);
        given().get("/match-reviews").then().statusCode(401);
    }

    @Test
    void anUnknownDecisionIsABadRequest() {
        decideReview("00000000-0000-4000-8000-000000000001", "maybe").then().statusCode(400);
    }

    private static Map<String, Object> openReviewOf(String personId) {
        return openReviews().stream()
                .filter(r -> personId.equals(((Map<?, ?>) r.get("person")).get("personId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no open review of " + personId));
    }

    private static Response decideLink(String reviewId, String survivor) {
        return given().auth()
                .oauth2(gatewayToken())
                .contentType("application/json")
                .header(ActingParty.ACTOR_HEADER, "admin.ada")
                .body(Map.of("decision", "link", "survivorPersonId", survivor))
                .post("/match-reviews/" + reviewId + "/decision");
    }

    private static Patient living(Patient patient, String phone) {
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.addAddress().addLine("7 Quarry Street").setPostalCode("02118");
        return patient;
    }

    private static String personId(Response created) {
        String location = created.then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
