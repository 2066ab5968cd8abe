package io.chartstream.system;

import io.chartstream.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher brought every part up: services ready, realm tokens with claims, record topics kept forever. */
class FoundationSystemTest {

    @BeforeAll
    static void exchange() {
        RunningExchange.ensureUp();
    }

    @ParameterizedTest
    @ValueSource(ints = {8080, 8081, 8082, 8083})
    void everyServiceIsReady(int port) {
        given().when()
                .get("http://localhost:" + port + "/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                // Kafka is not a readiness check: an outage is lag, not a total outage (issue 10)
                .body("checks.name", not(hasItem(containsStringIgnoringCase("kafka"))));
    }

    @Test
    void aClinicianTokenCarriesTheOrganizationAndRole() {
        given().auth()
                .oauth2(Tokens.user("dr.rivera"))
                .when()
                .get(RunningExchange.GATEWAY + "/api/me")
                .then()
                .statusCode(200)
                .body("orgId", equalTo("riverside-clinic"))
                .body("roles", hasItem("clinician"));
    }

    @Test
    void anOrganizationSystemTokenCarriesItsOrganization() {
        given().auth()
                .oauth2(Tokens.system("st-marys-hospital"))
                .when()
                .get(RunningExchange.GATEWAY + "/api/me")
                .then()
                .statusCode(200)
                .body("orgId", equalTo("st-marys-hospital"))
                .body("roles", hasItem("org-system"));
    }

    @Test
    void aPatientTokenCarriesTheEnterprisePersonId() {
        given().auth()
                .oauth2(Tokens.user("alice"))
                .when()
                .get(RunningExchange.PORTAL + "/api/me")
                .then()
                .statusCode(200)
                .body("personId", equalTo(RunningExchange.alicePersonId()))
                .body("roles", hasItem("patient"));
    }

    @Test
    void recordTopicsExistAndKeepEventsForever() throws Exception {
        List<String> topics = Topics.RECORD_TOPICS;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RunningExchange.KAFKA))) {
            Set<String> names = admin.listTopics().names().get();
            assertTrue(names.containsAll(topics), "record topics: " + names);
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                            .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                            .toList())
                    .all()
                    .get();
            configs.forEach((resource, config) ->
                    assertEquals("-1", config.get("retention.ms").value(), resource.name() + " retention.ms"));
        }
    }

    @Test
    void theCommandsUpPrintsToTryFirstWorkAsPrinted() {
        String printed = RunningExchange.heal();
        String chen = printed.lines()
                .filter(l -> l.contains("token dr.chen") && l.contains("$everything"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no $everything line for dr.chen in:\n" + printed));
        String novak = printed.lines()
                .filter(l -> l.contains("token dr.novak") && l.contains("$everything"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no $everything line for dr.novak in:\n" + printed));
        String attest = printed.lines()
                .filter(l -> l.contains("token dr.novak") && l.contains("$attest-treatment"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no $attest-treatment line for dr.novak in:\n" + printed));
        assertTrue(printed.contains("http://localhost:8080/record"), "the portal URL for alice");

        String hospitalView = RunningExchange.shell(chen.trim());
        assertTrue(
                hospitalView.contains("\"resourceType\":\"Bundle\"")
                        && hospitalView.contains(RunningExchange.alicePersonId()),
                "dr.chen reads alice's record: " + hospitalView);
        String emergency = RunningExchange.shell(novak.trim());
        assertTrue(
                emergency.contains("\"resourceType\":\"Bundle\"")
                        && emergency.contains(RunningExchange.alicePersonId()),
                "dr.novak reads alice's record under break-the-glass: " + emergency);
        String refused = RunningExchange.shell(attest.trim());
        assertTrue(
                refused.contains("\"forbidden\"") && refused.contains("blocked"),
                "dr.novak may not attest: " + refused);
        String auditLine = printed.lines()
                .filter(l -> l.contains("token audrey") && l.contains("AuditEvent"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no AuditEvent line for audrey in:\n" + printed));
        String trail = RunningExchange.shell(auditLine.trim());
        assertTrue(
                trail.contains("\"resourceType\":\"AuditEvent\"") && trail.contains(RunningExchange.alicePersonId()),
                "audrey reads alice's audit trail: " + trail);
        assertTrue(printed.contains("http://localhost:8080/disclosures"), "the portal's who-saw-it page");
    }

    @Test
    void aTokenHasOneIssuerWhateverAddressTheClientUsedToReachKeycloak() {
        String viaIp = Tokens.userVia("dr.chen", "http://127.0.0.1:8180");
        assertTrue(
                Tokens.claims(viaIp).contains("\"iss\":\"" + RunningExchange.KEYCLOAK + "/realms/chartstream\""),
                Tokens.claims(viaIp));
        io.restassured.response.Response read = io.restassured.RestAssured.given()
                .auth()
                .oauth2(viaIp)
                .get(RunningExchange.GATEWAY + "/fhir/Patient/" + RunningExchange.alicePersonId() + "/$everything");
        assertEquals(200, read.statusCode(), read.asString());
    }
}
