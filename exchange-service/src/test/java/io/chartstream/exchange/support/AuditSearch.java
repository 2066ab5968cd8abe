package io.chartstream.exchange.support;

import io.chartstream.testsupport.TestTokens;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;

/** {@code GET /fhir/AuditEvent?<query>} as the privacy officer (role auditor), answered 200. */
public final class AuditSearch {

    private AuditSearch() {}

    public static ValidatableResponse audit(String query) {
        return given().auth()
                .oauth2(TestTokens.withRoles("privacy-officer", "auditor"))
                .get("/fhir/AuditEvent?" + query)
                .then()
                .statusCode(200);
    }

    /** With one more parameter whose value is sent as it is (spaces, braces), encoded once. */
    public static ValidatableResponse audit(String query, String name, String value) {
        return given().auth()
                .oauth2(TestTokens.withRoles("privacy-officer", "auditor"))
                .queryParam(name, value)
                .get("/fhir/AuditEvent?" + query)
                .then()
                .statusCode(200);
    }
}
