package io.chartstream.clinical;

import io.chartstream.clinical.support.Readiness;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class ClinicalServiceFoundationTest {

    @Test
    void readinessIsUpAgainstRealPostgresAndKafka() {
        Readiness.await(); // the FHIR validator loads in the background first
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"))
                .body("checks.name", hasItem("FHIR validator"));
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
        given().auth().oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .when().get("/api/me")
                .then().statusCode(200)
                .body("username", equalTo("dr.rivera"))
                .body("orgId", equalTo("riverside-clinic"))
                .body("roles", hasItem("clinician"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/openapi").then().statusCode(200);
    }
}
