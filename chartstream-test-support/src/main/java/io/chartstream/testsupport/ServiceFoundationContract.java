package io.chartstream.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * What every service promises before any feature: ready against the real PostgreSQL and Kafka,
 * a protected endpoint that refuses no token and a forged one and accepts a realm-signed one,
 * metrics and OpenAPI. A service's {@code @QuarkusTest} extends it.
 */
public abstract class ServiceFoundationContract {

    /** The readiness checks this service reports; a service with more adds them. */
    protected List<String> readinessChecks() {
        return List.of("Database connections health check");
    }

    /**
     * Ready means able to serve the API: reads come from PostgreSQL and writes go to the event
     * store, so the database is checked and Kafka is not (an outage is lag, not not-ready).
     */
    @Test
    void readinessIsUpAgainstRealPostgresAndNeverDependsOnKafka() {
        awaitReady();
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks().toArray(String[]::new)))
                .body("checks.name", not(hasItem(containsStringIgnoringCase("kafka"))));
    }

    @Test
    void protectedEndpointRefusesAnUnauthenticatedCall() {
        given().when().get("/api/me").then().statusCode(401);
    }

    @Test
    void protectedEndpointRefusesATokenWithABadSignature() {
        String token = TestTokens.clinician("dr.rivera", "riverside-clinic");
        String tampered = token.substring(0, token.length() - 4) + "AAAA";
        given().auth().oauth2(tampered).when().get("/api/me").then().statusCode(401);
    }

    @Test
    void protectedEndpointAcceptsARealmSignedToken() {
        given().auth()
                // authorized party the gateway's client: the services behind the gateway accept no other
                .oauth2(TestTokens.token(
                        "dr.rivera",
                        List.of("clinician"),
                        Map.of("org_id", "riverside-clinic", "azp", TestTokens.GATEWAY_CLIENT)))
                .when()
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("dr.rivera"))
                .body("orgId", equalTo("riverside-clinic"))
                .body("roles", hasItem("clinician"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }

    /** Bounded wait until the service reports ready, as Kubernetes and the launcher do. */
    protected static void awaitReady() {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service was not ready within 5 minutes");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
