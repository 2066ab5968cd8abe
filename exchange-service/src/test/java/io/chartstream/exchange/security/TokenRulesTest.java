package io.chartstream.exchange.security;

import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The gateway accepts only tokens meant for it, and a 401 says why in its OperationOutcome. */
@QuarkusTest
class TokenRulesTest {

    @Test
    void aTokenMeantForAnotherServiceIsRefusedNamingTheAudience() {
        String forThePortal = TestTokens.token(
                "dr.rivera", List.of("clinician"), Map.of("org_id", "riverside-clinic", "aud", "chartstream-portal"));

        given().auth()
                .oauth2(forThePortal)
                .when()
                .get("/fhir/Patient/{id}/$everything", UUID.randomUUID())
                .then()
                .statusCode(401)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("login"))
                .body("issue[0].diagnostics", containsString("audience"));
    }

    @Test
    void noTokenIsRefusedSayingOneIsNeeded() {
        given().when()
                .get("/fhir/Patient/{id}/$everything", UUID.randomUUID())
                .then()
                .statusCode(401)
                .body("issue[0].diagnostics", containsString("no bearer token was sent"));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedNamingTheIssuer() {
        String otherIssuer = TestTokens.token(
                "dr.rivera",
                List.of("clinician"),
                Map.of("org_id", "riverside-clinic", "iss", "http://127.0.0.1:8180/realms/chartstream"));

        given().auth()
                .oauth2(otherIssuer)
                .when()
                .get("/fhir/Patient/{id}/$everything", UUID.randomUUID())
                .then()
                .statusCode(401)
                .body("issue[0].diagnostics", containsString("issuer"));
    }
}
