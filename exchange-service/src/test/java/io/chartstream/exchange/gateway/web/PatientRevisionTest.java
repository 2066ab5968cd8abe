package io.chartstream.exchange.gateway.web;

import io.chartstream.exchange.organization.application.DemoOrganizations;
import io.chartstream.exchange.support.FakeOwners;
import io.chartstream.exchange.support.RecordEvents;
import io.chartstream.fhir.ActingParty;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code PUT /fhir/Patient/{id}}: an organization revises its own registration of a person in its
 * care, forwarded to patient-service (played by {@link FakeOwners}) with the organization's
 * assigning authorities; anyone else is refused before the MPI is asked.
 */
@QuarkusTest
class PatientRevisionTest {

    private static final String FHIR_JSON = "application/fhir+json";

    private static io.restassured.response.Response put(String token, Object id, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(FHIR_JSON)
                .body(body)
                .when()
                .put("/fhir/Patient/{id}", id);
    }

    @Test
    void theRegistrantRevisesItsRegistrationThroughTheMpi() {
        UUID person = UUID.randomUUID();
        String mrn = "MRN-" + person.toString().substring(0, 8);
        String registered = RecordEvents.publish(RecordEvents.patientRegistered(person, "riverside-clinic", mrn));
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .header("X-ChartStream-After", registered)
                .when()
                .get("/fhir/Patient/{id}", person)
                .then()
                .statusCode(200); // the views have the relationship
        String body = GatewayWriteTest.patientJson(mrn);
        int before = FakeOwners.CALLS.size();

        put(TestTokens.clinician("dr.rivera", "riverside-clinic"), person, body)
                .then()
                .statusCode(200);

        FakeOwners.Call call = FakeOwners.CALLS.stream()
                .skip(before)
                .filter(c -> c.method().equals("PUT"))
                .findFirst()
                .orElseThrow();
        assertEquals("/fhir/Patient/" + person, call.path());
        assertEquals(body, call.body());
        assertEquals("riverside-clinic", call.header(ActingParty.ORGANIZATION_HEADER));
        assertEquals(
                DemoOrganizations.RIVERSIDE_MRN + "," + DemoOrganizations.SYNTHEA_MRN,
                call.header(ActingParty.ASSIGNING_AUTHORITIES_HEADER),
                "only the organization's own identifiers name the registration it revises");
    }

    @Test
    void anOrganizationWithoutTheRelationshipOrAPatientIsRefusedBeforeTheMpi() {
        UUID person = UUID.randomUUID();
        RecordEvents.publish(RecordEvents.patientRegistered(person, "riverside-clinic", "MRN-X"));
        String body = GatewayWriteTest.patientJson("MRN-X");
        int before = FakeOwners.CALLS.size();

        put(TestTokens.clinician("dr.novak", "northside-pediatrics"), person, body)
                .then()
                .statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"));
        put(TestTokens.patient("alice", person.toString()), person, body).then().statusCode(403);
        put(TestTokens.clinician("dr.rivera", "riverside-clinic"), "not-a-person", body)
                .then()
                .statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));

        assertEquals(
                0,
                FakeOwners.CALLS.stream()
                        .skip(before)
                        .filter(c -> c.method().equals("PUT"))
                        .count(),
                "a refused revision never reaches the MPI");
    }
}
