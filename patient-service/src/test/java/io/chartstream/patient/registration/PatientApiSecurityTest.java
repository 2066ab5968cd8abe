package io.chartstream.patient.registration;

import io.chartstream.fhir.ActingParty;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.chartstream.patient.registration.PatientApi.FHIR_JSON;
import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.json;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** patient-service is internal: only internal-service tokens, acting for an organization named in a header. */
@QuarkusTest
class PatientApiSecurityTest {

    private static final String OWN_SYSTEM = "urn:riverside-clinic:mrn";

    private final String body = json(patient(OWN_SYSTEM, unique("R"), "Ana", unique("Lopez"), "1980-05-17"));

    @Test
    void registrationWithoutATokenIsUnauthorized() {
        given().contentType(FHIR_JSON)
                .header(ActingParty.ORGANIZATION_HEADER, RIVERSIDE)
                .body(body)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(401);
    }

    @Test
    void readWithoutATokenIsUnauthorized() {
        given().when()
                .get("/fhir/Patient/6f1c1d1e-0000-4000-8000-000000000000")
                .then()
                .statusCode(401);
        given().queryParam("identifier", "urn:x|1")
                .when()
                .get("/fhir/Patient")
                .then()
                .statusCode(401);
    }

    @Test
    void aClinicianTokenIsRefusedEvenWithTheHeaders() {
        String clinician = TestTokens.clinician("dr.rivera", RIVERSIDE);
        given().auth()
                .oauth2(clinician)
                .contentType(FHIR_JSON)
                .header(ActingParty.ORGANIZATION_HEADER, RIVERSIDE)
                .body(body)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(401)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("only the gateway's own token"));
        given().auth()
                .oauth2(clinician)
                .when()
                .get("/fhir/Patient/6f1c1d1e-0000-4000-8000-000000000000")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(clinician)
                .queryParam("identifier", "urn:x|1")
                .when()
                .get("/fhir/Patient")
                .then()
                .statusCode(401);
    }

    @Test
    void otherClientsTokensAreRefusedToo() {
        for (String role : new String[] {"org-system", "patient", "hie-admin"}) {
            given().auth()
                    .oauth2(TestTokens.withRoles("someone", role))
                    .contentType(FHIR_JSON)
                    .header(ActingParty.ORGANIZATION_HEADER, RIVERSIDE)
                    .body(body)
                    .when()
                    .post("/fhir/Patient")
                    .then()
                    .statusCode(401);
        }
    }

    @Test
    void theInternalServiceRoleInAnotherClientsTokenIsNotEnough() {
        String impostor =
                TestTokens.token("service-account-impostor", List.of("internal-service"), Map.of("azp", "impostor"));
        given().auth()
                .oauth2(impostor)
                .contentType(FHIR_JSON)
                .header(ActingParty.ORGANIZATION_HEADER, RIVERSIDE)
                .body(body)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(401)
                .body("issue[0].diagnostics", containsString("only the gateway's own token"));
    }

    @Test
    void anInternalServiceTokenMayRegisterAndRead() {
        given().auth()
                .oauth2(PatientApi.gatewayToken())
                .contentType(FHIR_JSON)
                .header(ActingParty.ORGANIZATION_HEADER, RIVERSIDE)
                .header(ActingParty.ASSIGNING_AUTHORITIES_HEADER, OWN_SYSTEM)
                .body(body)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(PatientApi.gatewayToken())
                .queryParam("identifier", "urn:x|" + unique("none"))
                .when()
                .get("/fhir/Patient")
                .then()
                .statusCode(200);
    }

    @Test
    void registrationWithoutTheOrganizationHeaderIsABadRequest() {
        given().auth()
                .oauth2(PatientApi.gatewayToken())
                .contentType(FHIR_JSON)
                .body(body)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString(ActingParty.ORGANIZATION_HEADER));
    }
}
