package io.chartstream.exchange.gateway.web;

import io.chartstream.exchange.gateway.application.AuditedPersonMerges;
import io.chartstream.exchange.support.FakeOwners;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.chartstream.exchange.support.AuditSearch.audit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hie-admin merge and unmerge, forwarded to {@link FakeOwners} playing patient-service, and audited. */
@QuarkusTest
class PersonMergeAdminTest {

    private static FakeOwners.Call lastCall() {
        return FakeOwners.CALLS.get(FakeOwners.CALLS.size() - 1);
    }

    @Test
    void aMergeIsForwardedAsTheAdministratorAndIsAnAdministrativeActionInTheTrail() {
        String admin = "admin." + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"survivorPersonId\":\"" + FakeOwners.REVIEW_CANDIDATE + "\",\"mergedPersonId\":\""
                + FakeOwners.REVIEW_PERSON + "\",\"reason\":\"one patient, two registrations\"}";

        given().auth()
                .oauth2(TestTokens.withRoles(admin, "hie-admin"))
                .contentType("application/json")
                .body(body)
                .post("/admin/person-merges")
                .then()
                .statusCode(200)
                .body("mergeId", equalTo(FakeOwners.MERGE_ID.toString()));

        FakeOwners.Call call = lastCall();
        assertEquals("/person-merges", call.path());
        assertEquals(admin, call.header("X-ChartStream-Actor"));
        assertTrue(call.header("Authorization").startsWith("Bearer "), "the exchange's own token");
        // committed before the answer left: no waiting
        audit("agent=" + admin + "&subtype=" + AuditedPersonMerges.MERGE + "&outcome=0")
                .body("total", equalTo(1))
                .body("entry[0].resource.type.code", equalTo("admin"))
                .body("entry[0].resource.outcomeDesc", containsString("one patient, two registrations"))
                .body(
                        "entry[0].resource.entity.what.reference",
                        hasItems("Patient/" + FakeOwners.REVIEW_CANDIDATE, "Patient/" + FakeOwners.REVIEW_PERSON))
                .body("entry[0].resource.entity.description", hasItems("person-merge/" + FakeOwners.MERGE_ID));
    }

    @Test
    void aRefusedMergeIsPassedOnAndAuditedAsNotTaken() {
        String admin = "admin." + UUID.randomUUID().toString().substring(0, 8);
        UUID other = UUID.randomUUID();

        given().auth()
                .oauth2(TestTokens.withRoles(admin, "hie-admin"))
                .contentType("application/json")
                .body("{\"survivorPersonId\":\"" + other + "\",\"mergedPersonId\":\"" + FakeOwners.REVIEW_PERSON
                        + "\",\"reason\":\"try\"}")
                .post("/admin/person-merges")
                .then()
                .statusCode(409)
                .body("resourceType", equalTo("OperationOutcome"));

        audit("agent=" + admin + "&subtype=" + AuditedPersonMerges.MERGE + "&outcome=4")
                .body("total", equalTo(1))
                .body("entry[0].resource.entity.what.reference", hasItems("Patient/" + other));
    }

    @Test
    void anUnmergeIsForwardedAndAudited() {
        String admin = "admin." + UUID.randomUUID().toString().substring(0, 8);

        given().auth()
                .oauth2(TestTokens.withRoles(admin, "hie-admin"))
                .contentType("application/json")
                .body("{\"mergedPersonId\":\"" + FakeOwners.REVIEW_PERSON + "\",\"reason\":\"twins\"}")
                .post("/admin/person-merges/unmerge")
                .then()
                .statusCode(200);

        assertEquals("/person-merges/unmerge", lastCall().path());
        audit("agent=" + admin + "&subtype=" + AuditedPersonMerges.UNMERGE + "&outcome=0")
                .body("total", equalTo(1));
    }

    @Test
    void anyOtherRoleIsRefusedAndNothingIsForwarded() {
        int before = FakeOwners.CALLS.size();
        String body = "{\"mergedPersonId\":\"" + FakeOwners.REVIEW_PERSON + "\",\"reason\":\"x\"}";

        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .contentType("application/json")
                .body(body)
                .post("/admin/person-merges")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.withRoles("audrey", "auditor"))
                .contentType("application/json")
                .body(body)
                .post("/admin/person-merges/unmerge")
                .then()
                .statusCode(403);
        given().contentType("application/json")
                .body(body)
                .post("/admin/person-merges")
                .then()
                .statusCode(401);

        assertEquals(before, FakeOwners.CALLS.size());
    }
}
