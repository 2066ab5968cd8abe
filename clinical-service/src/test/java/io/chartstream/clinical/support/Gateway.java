package io.chartstream.clinical.support;

import io.chartstream.testsupport.TestTokens;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Calls as the exchange gateway does: its internal-service token plus the acting organization and user. */
public final class Gateway {

    public static final String FHIR_JSON = "application/fhir+json; charset=UTF-8";
    public static final String ORGANIZATION = "riverside-clinic";
    public static final String PRACTITIONER = "Practitioner/dr-amara-chen";

    private Gateway() {}

    public static String token() {
        return TestTokens.withRoles("service-account-chartstream-exchange", "internal-service");
    }

    public static RequestSpecification asGateway() {
        return asGatewayFor(ORGANIZATION);
    }

    public static RequestSpecification asGatewayFor(String organization) {
        Readiness.await();
        return given().auth()
                .oauth2(token())
                .header("X-ChartStream-Organization", organization)
                .header("X-ChartStream-Actor", PRACTITIONER)
                .contentType(FHIR_JSON)
                .accept("application/fhir+json");
    }
}
