package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.support.Gateway;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chartstream.testsupport.FhirSamples.glucose;
import static io.chartstream.testsupport.FhirSamples.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** clinical-service is internal: only role internal-service may call its FHIR API, whoever else holds a valid token. */
@QuarkusTest
class ClinicalEntrySecurityTest {

    private static final String SOME_ID = UUID.randomUUID().toString();
    private static final String BODY = json(glucose(UUID.randomUUID(), 95));

    @Test
    void callWithoutATokenIsUnauthorized() {
        given().contentType(Gateway.FHIR_JSON)
                .header("X-ChartStream-Organization", "riverside-clinic")
                .body(BODY)
                .post("/fhir/Observation")
                .then()
                .statusCode(401);
        given().get("/fhir/Observation/" + SOME_ID).then().statusCode(401);
        given().queryParam("patient", SOME_ID).get("/fhir/Observation").then().statusCode(401);
        given().contentType(Gateway.FHIR_JSON)
                .header("If-Match", "W/\"1\"")
                .body(BODY)
                .put("/fhir/Observation/" + SOME_ID)
                .then()
                .statusCode(401);
    }

    @Test
    void clinicianTokenIsRefusedEvenWithTheGatewayHeaders() {
        assertRefused(TestTokens.clinician("dr.amara.chen", "riverside-clinic"));
    }

    @Test
    void organizationSystemPatientAndImpostorTokensAreRefused() {
        assertRefused(TestTokens.orgSystem("riverside-clinic"));
        assertRefused(TestTokens.patient("adaeze", UUID.randomUUID().toString()));
        // the internal-service role is not enough: only the gateway's own client (azp) reaches this service
        assertRefused(TestTokens.token("impostor", List.of("internal-service"), Map.of("azp", "impostor")));
    }

    @Test
    void internalServiceTokenIsAllowed() {
        Gateway.asGateway()
                .queryParam("patient", SOME_ID)
                .get("/fhir/Observation")
                .then()
                .statusCode(200);
        Gateway.asGateway().get("/fhir/Observation/" + SOME_ID).then().statusCode(404);
    }

    /** 401 naming the reason: only the gateway's own token (authorized party chartstream-exchange) is accepted. */
    private static void assertRefused(String token) {
        given().auth()
                .oauth2(token)
                .contentType(Gateway.FHIR_JSON)
                .header("X-ChartStream-Organization", "riverside-clinic")
                .body(BODY)
                .post("/fhir/Observation")
                .then()
                .statusCode(401)
                .body("issue[0].diagnostics", containsString("only the gateway's own token"));
        given().auth().oauth2(token).get("/fhir/Observation/" + SOME_ID).then().statusCode(401);
        given().auth()
                .oauth2(token)
                .queryParam("patient", SOME_ID)
                .get("/fhir/Observation")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(token)
                .contentType(Gateway.FHIR_JSON)
                .header("X-ChartStream-Organization", "riverside-clinic")
                .header("If-Match", "W/\"1\"")
                .body(BODY)
                .put("/fhir/Observation/" + SOME_ID)
                .then()
                .statusCode(401);
    }
}
