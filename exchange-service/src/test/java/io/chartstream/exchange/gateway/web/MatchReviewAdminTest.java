package io.chartstream.exchange.gateway.web;

import io.chartstream.exchange.support.FakeOwners;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
    void aDecisionIsForwardedAsTheAdministratorAndALinkNeedingAMergeIsAConflict() {
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
                .statusCode(409)
                .body("issue[0].diagnostics", containsString("merge"));
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
