package io.chartstream.patient.registration;

import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.chartstream.patient.registration.PatientApi.FHIR_JSON;
import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.gatewayToken;
import static io.chartstream.patient.registration.PatientApi.json;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MPI's scoring for the gateway's Patient/$match, on real PostgreSQL (the blocking index). */
@QuarkusTest
class PatientMatchTest {

    @Test
    void registeredPersonsAreGradedBestFirstWhoeverRegisteredThem() {
        String family = unique("Whitfield");
        String phone = unique("617").substring(0, 13).replaceAll("[^0-9]", "3");
        String person = parse(register(
                                RIVERSIDE,
                                living(
                                        patient(
                                                "urn:riverside-clinic:mrn",
                                                unique("R"),
                                                "Katherine",
                                                family,
                                                "1975-11-02"),
                                        phone))
                        .then()
                        .statusCode(201)
                        .extract()
                        .response())
                .getIdElement()
                .getIdPart();

        List<Map<String, Object>> sameAgain =
                match(living(patient(null, null, "Katharine", family, "1975-02-11"), phone));
        Map<String, Object> best = sameAgain.get(0);
        assertEquals(person, best.get("personId"));
        assertEquals("certain", best.get("grade"));
        assertTrue(((Number) best.get("probability")).doubleValue() > 0.99, best.toString());

        // name and birth date alone are at most possible (decisions §9)
        Patient nameAndBirthDate = patient(null, null, "Katherine", family, "1975-11-02");
        Map<String, Object> weaker = match(nameAndBirthDate).get(0);
        assertEquals(person, weaker.get("personId"));
        assertEquals("possible", weaker.get("grade"), weaker.toString());

        assertEquals(List.of(), match(patient(null, null, "Zebulon", unique("Quartermaine"), "1901-01-01")));
    }

    @Test
    void onlyTheGatewayMayAskAndABodyThatIsNoPatientIsRefused() {
        given().auth()
                .oauth2(TestTokens.withRoles("dr.chen", "clinician"))
                .contentType(FHIR_JSON)
                .body("{\"resourceType\":\"Patient\"}")
                .post("/match")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(gatewayToken())
                .contentType(FHIR_JSON)
                .body("")
                .post("/match")
                .then()
                .statusCode(400);
    }

    private static List<Map<String, Object>> match(Patient patient) {
        Response answer = given().auth()
                .oauth2(gatewayToken())
                .contentType(FHIR_JSON)
                .body(json(patient))
                .post("/match");
        return answer.then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static Patient living(Patient patient, String phone) {
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.addAddress().addLine("7 Larkspur Row").setPostalCode("99501");
        return patient;
    }
}
