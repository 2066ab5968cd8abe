package io.chartstream.exchange.organization.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.chartstream.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class OrganizationAdminTest {

    private static final String ADMIN = TestTokens.withRoles("admin", "hie-admin");

    @Test
    void demoOrganizationsAreRegisteredAtStartUp() {
        given().auth()
                .oauth2(ADMIN)
                .when()
                .get("/admin/organizations")
                .then()
                .statusCode(200)
                .body("id", hasItems("riverside-clinic", "st-marys-hospital", "northside-pediatrics"))
                .body("find { it.id == 'st-marys-hospital' }.webhookUrl", equalTo("http://localhost:8090/webhook"))
                .body("find { it.id == 'st-marys-hospital' }.webhook", equalTo(true))
                .body(not(containsString("demo-webhook-secret")));
    }

    @Test
    void demoOrganizationsComeWithTheirSendingFacilities() {
        given().auth()
                .oauth2(ADMIN)
                .when()
                .get("/admin/organizations")
                .then()
                .statusCode(200)
                .body("find { it.id == 'riverside-clinic' }.facilities", equalTo(java.util.List.of("RIVERSIDE")))
                .body("find { it.id == 'st-marys-hospital' }.facilities", equalTo(java.util.List.of("STMARYS")));
    }

    @Test
    void anOrganizationIsRegisteredWithItsFacilitiesAndAFacilityBelongsToOneOrganization() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String facility = "LAB" + run.toUpperCase();
        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        "lab-" + run,
                        "name",
                        "Valley Lab",
                        "identifierSystems",
                        java.util.List.of("urn:oid:1.2.3." + run.hashCode() % 1000 + ".1"),
                        "facilities",
                        java.util.List.of(facility)))
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(201)
                .body("facilities", equalTo(java.util.List.of(facility)));
        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("id", "other-" + run, "name", "Other Lab", "facilities", java.util.List.of(facility)))
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(409)
                .body("error", containsString("facility " + facility + " is already bound"));
        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("id", "bad-" + run, "name", "Bad Lab", "facilities", java.util.List.of("A|B")))
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(400)
                .body("error", containsString("MSH-4 namespace id"));
    }

    @Test
    void hieAdminRegistersAnOrganizationAndItIsPublishedWithoutItsSecret() throws Exception {
        String id = "lab-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "id",
                        id,
                        "name",
                        "Valley Lab",
                        "webhookUrl",
                        "https://lab.example/hook",
                        "webhookSecret",
                        "a-long-enough-secret"))
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(201)
                .body("id", equalTo(id))
                .body("webhook", equalTo(true))
                .body(not(containsString("a-long-enough-secret")));

        var published = TopicReader.await(Topics.EXCHANGE_EVENTS, r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, published.size());
        assertEquals(
                ExchangeContracts.ORGANIZATION_REGISTERED.typeName(),
                TopicReader.header(published.get(0), CloudEventHeaders.TYPE));
        assertEquals(
                "organization-" + id,
                TopicReader.header(published.get(0), CloudEventHeaders.header(CloudEventHeaders.STREAM_ID)));
        var data = new ObjectMapper().readTree(published.get(0).value());
        assertEquals("Valley Lab", data.path("name").asText());
        assertFalse(TopicReader.value(published.get(0)).contains("a-long-enough-secret"));
        assertEquals("-1", feedTopicRetention(id), "the feed topic is created with the organization, kept forever");
    }

    private static String feedTopicRetention(String organization) throws Exception {
        var topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.feedOf(organization));
        try (var admin =
                Admin.create(Map.of("bootstrap.servers", io.chartstream.testsupport.SharedKafka.bootstrapServers()))) {
            // the topic is created in the background: wait until its configuration can be described
            return Eventually.get(
                    Duration.ofSeconds(20),
                    () -> {
                        try {
                            return admin.describeConfigs(java.util.List.of(topic))
                                    .all()
                                    .get()
                                    .get(topic)
                                    .get("retention.ms")
                                    .value();
                        } catch (java.util.concurrent.ExecutionException notYet) {
                            return null;
                        }
                    },
                    value -> value != null);
        }
    }

    @Test
    void registeringTheSameOrganizationAgainIsIdempotentAndDifferentDetailsConflict() {
        String id = "clinic-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> body = Map.of("id", id, "name", "Hill Clinic");
        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(201)
                .body("version", equalTo(1));
        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Other Clinic"))
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(409);
    }

    @Test
    void invalidRegistrationsAreBadRequests() {
        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("id", "Bad Id!", "name", "X"))
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(400)
                .body("error", containsString("id"));
        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("id", "hook-no-secret", "name", "X", "webhookUrl", "https://x.example/hook"))
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(400)
                .body("error", containsString("secret"));
        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body("{not json")
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(400);
    }

    @Test
    void onlyHieAdminsManageTheDirectory() {
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .contentType(ContentType.JSON)
                .body(Map.of("id", "sneaky", "name", "Sneaky"))
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.orgSystem("riverside-clinic"))
                .when()
                .get("/admin/organizations")
                .then()
                .statusCode(403);
        given().when().get("/admin/organizations").then().statusCode(401);
    }
}
