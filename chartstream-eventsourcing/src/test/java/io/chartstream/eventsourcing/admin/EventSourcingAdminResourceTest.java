package io.chartstream.eventsourcing.admin;

import io.chartstream.eventsourcing.support.Events;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.RealInfrastructure;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(
        value = RealInfrastructure.class,
        initArgs = @ResourceArg(name = "database", value = "runtime_test"))
class EventSourcingAdminResourceTest {

    private static final String ADMIN = TestTokens.withRoles("admin", "hie-admin");

    @Test
    void anOperatorSeesEachProjectionWithItsLagAndPosition() {
        given().auth()
                .oauth2(ADMIN)
                .when()
                .get("/admin/projections")
                .then()
                .statusCode(200)
                .body("name", hasItem("admin-counts"))
                .body("find { it.name == 'admin-counts' }.schema", equalTo("view_admin_counts"));
    }

    @Test
    void rebuildIsForHieAdminsOnly() {
        given().when().post("/admin/projections/admin-counts/rebuild").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .when()
                .post("/admin/projections/admin-counts/rebuild")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.withRoles("audrey", "auditor"))
                .when()
                .post("/admin/projections/admin-counts/rebuild")
                .then()
                .statusCode(403);
    }

    @Test
    void aRebuildThroughTheAdminApiCompletesAndKeepsEveryEvent() {
        for (int i = 0; i < 40; i++) {
            Events.publish(AdminCountsProjection.TOPIC, "admin-subject-" + (i % 4), "{}");
        }
        Eventually.within(Duration.ofSeconds(30)).alias("the live view").until(() -> applied() >= 40);

        given().auth()
                .oauth2(ADMIN)
                .when()
                .post("/admin/projections/admin-counts/rebuild")
                .then()
                .statusCode(202)
                .body("projection", equalTo("admin-counts"));
        Eventually.within(Duration.ofSeconds(60))
                .alias("the rebuild to finish")
                .until(() -> "done"
                        .equals(given().auth()
                                .oauth2(ADMIN)
                                .when()
                                .get("/admin/projections/admin-counts/rebuild")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("state")));
        given().auth()
                .oauth2(ADMIN)
                .when()
                .get("/admin/projections/admin-counts/rebuild")
                .then()
                .body("percent", equalTo(100.0f));
        Eventually.within(Duration.ofSeconds(10)).alias("the swapped view").until(() -> applied() >= 40);
    }

    @Test
    void unknownProjectionIs404() {
        given().auth()
                .oauth2(ADMIN)
                .when()
                .post("/admin/projections/nope/rebuild")
                .then()
                .statusCode(404);
    }

    @Test
    void lagAndPositionAreMetricsAndTheRelayIsLeader() {
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("chartstream_projection_lag{projection=\"admin-counts\"}"))
                .body(containsString("chartstream_projection_position{projection=\"admin-counts\"}"))
                .body(containsString("chartstream_outbox_producer_replaced_total 0.0"));
        Eventually.within(Duration.ofSeconds(10))
                .alias("the relay to lead")
                .until(() -> Boolean.TRUE.equals(given().auth()
                        .oauth2(ADMIN)
                        .when()
                        .get("/admin/outbox")
                        .then()
                        .extract()
                        .path("leader")));
    }

    @Test
    void parkedEventsAreListedAndRedrivenByHieAdminsOnly() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("chartstream_outbox_parked"));
        given().auth()
                .oauth2(TestTokens.withRoles("audrey", "auditor"))
                .when()
                .get("/admin/outbox/parked")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        given().auth()
                .oauth2(TestTokens.withRoles("audrey", "auditor"))
                .when()
                .post("/admin/outbox/parked/1/redrive")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(ADMIN)
                .when()
                .post("/admin/outbox/parked/999999/redrive")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(ADMIN)
                .when()
                .get("/admin/outbox")
                .then()
                .statusCode(200)
                .body("parked", equalTo(0));
    }

    private static long applied() {
        Integer n = given().auth()
                .oauth2(ADMIN)
                .when()
                .get("/admin/projections")
                .then()
                .extract()
                .path("find { it.name == 'admin-counts' }.applied");
        return n == null ? 0 : n;
    }
}
