package io.chartstream.exchange.gateway.web;

import io.chartstream.exchange.gateway.application.AuditedMatchReviews;
import io.chartstream.exchange.support.FakeOwners;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.chartstream.exchange.support.AuditSearch.audit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hie-admin review queue, forwarded to {@link FakeOwners} playing patient-service. */
@QuarkusTest
class MatchReviewAdminTest {

    private static final String ADMIN = TestTokens.withRoles("admin.ada", "hie-admin");

    private static FakeOwners.Call lastCall() {
        return FakeOwners.CALLS.get(FakeOwners.CALLS.size() - 1);
    }

    @Test
    void anAdministratorListsTheOpenReviewsThroughTheServiceToken() {
        given().auth()
                .oauth2(ADMIN)
                .get("/admin/match-reviews?count=10")
                .then()
                .statusCode(200)
                .body("[0].reviewId", equalTo("r-1"));

        FakeOwners.Call call = lastCall();
        assertEquals("/match-reviews", call.path());
        assertTrue(call.header("Authorization").startsWith("Bearer "), "the exchange's own token");
    }

    @Test
    void aDecisionIsForwardedAsTheAdministratorAndALinkAnswersTheMerge() {
        given().auth()
                .oauth2(ADMIN)
                .contentType("application/json")
                .body("{\"decision\":\"not-a-match\"}")
                .post("/admin/match-reviews/r-1/decision")
                .then()
                .statusCode(200);
        assertEquals("/match-reviews/r-1/decision", lastCall().path());
        assertEquals("admin.ada", lastCall().header("X-ChartStream-Actor"));

        given().auth()
                .oauth2(ADMIN)
                .contentType("application/json")
                .body("{\"decision\":\"link\"}")
                .post("/admin/match-reviews/r-1/decision")
                .then()
                .statusCode(200)
                .body("mergeId", equalTo(FakeOwners.MERGE_ID.toString()))
                .body("survivorPersonId", equalTo(FakeOwners.REVIEW_CANDIDATE.toString()));
        given().auth()
                .oauth2(ADMIN)
                .contentType("application/json")
                .body("{\"decision\":\"link\"}")
                .post("/admin/match-reviews/r-merged/decision")
                .then()
                .statusCode(409)
                .body("issue[0].diagnostics", containsString("merged"));
    }

    @Test
    void everyPersonListedIsADisclosureToTheAdministratorInTheAuditTrail() {
        String admin = "admin." + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(TestTokens.withRoles(admin, "hie-admin"))
                .get("/admin/match-reviews")
                .then()
                .statusCode(200);

        // committed before the answer left: no waiting
        audit("agent=" + admin, "entity", AuditedMatchReviews.LISTED)
                .body("total", equalTo(2))
                .body(
                        "entry.resource.entity.flatten().what.reference",
                        hasItems("Patient/" + FakeOwners.REVIEW_PERSON, "Patient/" + FakeOwners.REVIEW_CANDIDATE))
                .body("entry.resource.entity.flatten().description", hasItems("match-review/r-1"))
                .body("entry[0].resource.agent[0].purposeOfUse[0].coding[0].code", equalTo("HOPERAT"));
        audit("patient=" + FakeOwners.REVIEW_CANDIDATE + "&agent=" + admin).body("total", equalTo(1));
    }

    @Test
    void aDecisionTakenOrNotIsAnAdministrativeActionInTheAuditTrail() {
        String admin = "admin." + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.withRoles(admin, "hie-admin");
        for (String review : List.of("r-1", "r-merged")) {
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body("{\"decision\":\"link\"}")
                    .post("/admin/match-reviews/" + review + "/decision");
        }

        audit("agent=" + admin + "&subtype=match-review-decision&outcome=0")
                .body("total", equalTo(1))
                .body("entry[0].resource.outcomeDesc", containsString("merge " + FakeOwners.MERGE_ID))
                .body("entry[0].resource.type.code", equalTo("admin"))
                .body(
                        "entry[0].resource.entity.what.reference",
                        hasItems("Patient/" + FakeOwners.REVIEW_PERSON, "Patient/" + FakeOwners.REVIEW_CANDIDATE));
        audit("agent=" + admin + "&subtype=match-review-decision&outcome=4")
                .body("total", equalTo(1))
                .body("entry[0].resource.entity.description", hasItems("match-review/r-merged"));
    }

    @Test
    void anyOtherRoleIsRefusedAndNothingIsForwarded() {
        int before = FakeOwners.CALLS.size();
        String clinician = TestTokens.clinician("dr.rivera", "riverside-clinic");

        given().auth().oauth2(clinician).get("/admin/match-reviews").then().statusCode(403);
        given().auth()
                .oauth2(clinician)
                .contentType("application/json")
                .body("{\"decision\":\"not-a-match\"}")
                .post("/admin/match-reviews/r-1/decision")
                .then()
                .statusCode(403);
        given().get("/admin/match-reviews").then().statusCode(401);

        assertEquals(before, FakeOwners.CALLS.size());
    }
}
