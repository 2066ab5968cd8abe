package io.chartstream.patient.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.patient.PatientContracts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chartstream.patient.registration.PatientApi.FHIR;
import static io.chartstream.patient.registration.PatientApi.FHIR_JSON;
import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.ST_MARYS;
import static io.chartstream.patient.registration.PatientApi.as;
import static io.chartstream.patient.registration.PatientApi.json;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.read;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class PatientRegistrationTest {

    private static final String RIVERSIDE_MRN = "urn:riverside-clinic:mrn";
    private static final String ST_MARYS_MRN = "urn:st-marys-hospital:mrn";
    private static final String REGISTERED = PatientContracts.PATIENT_REGISTERED.typeName();
    private static final String LINKED = PatientContracts.IDENTIFIER_LINKED.typeName();

    @Inject
    PatientEventLog events;

    @Test
    void newPatientIsRegisteredAndCanBeReadBack() throws Exception {
        String mrn = unique("R");
        Response created = register(RIVERSIDE, patient(RIVERSIDE_MRN, mrn, "Ana", unique("Lopez"), "1980-05-17"));

        created.then()
                .statusCode(201)
                .contentType(matchesPattern("application/fhir\\+json.*"))
                .header("ETag", "W/\"1\"")
                .header("X-ChartStream-Position", matchesPattern("patient-service/\\d+"));
        String personId = parse(created).getIdElement().getIdPart();
        assertEquals("Patient/" + personId, created.header("Location"));

        Response got = read(personId);
        got.then().statusCode(200).header("ETag", "W/\"1\"");
        Patient person = parse(got);
        assertEquals(personId, person.getIdElement().getIdPart());
        assertEquals("1", person.getMeta().getVersionId());
        assertEquals("Ana", person.getNameFirstRep().getGivenAsSingleString());
        assertEquals(List.of(RIVERSIDE_MRN + "|" + mrn), identifiers(person));
        assertEquals(List.of(REGISTERED), events.typesOf(personId));
        JsonNode data = new ObjectMapper().readTree(events.dataOf(personId, 1));
        assertEquals(personId, data.get("personId").asText());
        assertEquals(RIVERSIDE, data.get("organization").asText());
        assertEquals(mrn, data.get("identifier").get("value").asText());
        assertEquals("Patient", data.get("patient").get("resourceType").asText());
    }

    @Test
    void sameIdentifierTwiceIsIdempotent() throws Exception {
        Patient ana = patient(RIVERSIDE_MRN, unique("R"), "Ana", unique("Lopez"), "1980-05-17");
        String personId = parse(register(RIVERSIDE, ana)
                        .then()
                        .statusCode(201)
                        .extract()
                        .response())
                .getIdElement()
                .getIdPart();

        Response again = register(RIVERSIDE, ana);

        again.then().statusCode(200).header("ETag", "W/\"1\"");
        assertNull(again.header("X-ChartStream-Position"), "no event, so no position");
        assertEquals(personId, parse(again).getIdElement().getIdPart());
        assertEquals(List.of(REGISTERED), events.typesOf(personId));
    }

    @Test
    void secondOrganizationWithAKnownIdentifierIsLinkedToTheSamePerson() throws Exception {
        String national = unique("N");
        Patient atRiverside = patient("urn:national-id", national, "Ana", unique("Lopez"), "1980-05-17");
        atRiverside.addIdentifier().setSystem(RIVERSIDE_MRN).setValue(unique("R"));
        String personId = parse(register(RIVERSIDE, atRiverside)
                        .then()
                        .statusCode(201)
                        .extract()
                        .response())
                .getIdElement()
                .getIdPart();
        String stMarysMrn = unique("SM");
        Patient atStMarys = patient(ST_MARYS_MRN, stMarysMrn, "Anna", "Somebody-Else", "1979-01-01");
        atStMarys.addIdentifier().setSystem("urn:national-id").setValue(national);

        Response linked = register(ST_MARYS, atStMarys);

        linked.then()
                .statusCode(200)
                .header("ETag", "W/\"4\"")
                .header("X-ChartStream-Position", matchesPattern("patient-service/\\d+"));
        Patient person = parse(read(personId).then().statusCode(200).extract().response());
        assertEquals(personId, parse(linked).getIdElement().getIdPart());
        assertEquals(
                "Ana", person.getNameFirstRep().getGivenAsSingleString(), "demographics of the first registration");
        assertEquals(
                List.of(
                        "urn:national-id|" + national,
                        identifiers(atRiverside).get(1),
                        ST_MARYS_MRN + "|" + stMarysMrn),
                identifiers(person));
        assertEquals(List.of(REGISTERED, LINKED, LINKED, LINKED), events.typesOf(personId));
        JsonNode data = new ObjectMapper().readTree(events.dataOf(personId, 3));
        assertEquals(ST_MARYS, data.get("organization").asText());
        assertEquals("identifier", data.get("matchedOn").asText());
        assertEquals(stMarysMrn, data.get("identifier").get("value").asText());
    }

    @Test
    void exactDemographicsOfAnotherOrganizationsPatientAreLinked() throws Exception {
        String family = unique("Okafor");
        String personId = parse(register(RIVERSIDE, patient(RIVERSIDE_MRN, unique("R"), "Chidi", family, "1975-11-02"))
                        .then()
                        .statusCode(201)
                        .extract()
                        .response())
                .getIdElement()
                .getIdPart();

        Response linked = register(
                ST_MARYS, patient(ST_MARYS_MRN, unique("SM"), "  CHIDI ", family.toLowerCase() + " ", "1975-11-02"));

        linked.then().statusCode(200);
        assertEquals(personId, parse(linked).getIdElement().getIdPart());
        assertEquals(List.of(REGISTERED, LINKED), events.typesOf(personId));
        assertEquals(
                "demographics",
                new ObjectMapper()
                        .readTree(events.dataOf(personId, 2))
                        .get("matchedOn")
                        .asText());
    }

    @Test
    void differentBirthDateIsANewPerson() {
        String family = unique("Okafor");
        String first = parse(register(RIVERSIDE, patient(RIVERSIDE_MRN, unique("R"), "Chidi", family, "1975-11-02"))
                        .then()
                        .statusCode(201)
                        .extract()
                        .response())
                .getIdElement()
                .getIdPart();

        Response second = register(ST_MARYS, patient(ST_MARYS_MRN, unique("SM"), "Chidi", family, "1975-11-03"));

        second.then().statusCode(201);
        org.junit.jupiter.api.Assertions.assertNotEquals(
                first, parse(second).getIdElement().getIdPart());
    }

    @Test
    void conditionalCreateReturnsTheExistingPersonWithoutAnEvent() throws Exception {
        String mrn = unique("R");
        String personId = parse(register(RIVERSIDE, patient(RIVERSIDE_MRN, mrn, "Ana", unique("Lopez"), "1980-05-17"))
                        .then()
                        .statusCode(201)
                        .extract()
                        .response())
                .getIdElement()
                .getIdPart();

        // St Mary's asks "create unless Riverside's MRN is known": it is, so nothing is linked.
        Response conditional = as(ST_MARYS)
                .contentType(FHIR_JSON)
                .header("If-None-Exist", "identifier=" + RIVERSIDE_MRN + "|" + mrn)
                .body(json(patient(ST_MARYS_MRN, unique("SM"), "Ana", "Lopez", "1980-05-17")))
                .when()
                .post("/fhir/Patient");

        conditional.then().statusCode(200).header("ETag", "W/\"1\"");
        assertEquals(personId, parse(conditional).getIdElement().getIdPart());
        assertEquals(List.of(REGISTERED), events.typesOf(personId));
    }

    @Test
    void conditionalCreateWithoutAMatchCreates() {
        String mrn = unique("R");
        as(RIVERSIDE)
                .contentType(FHIR_JSON)
                .header("If-None-Exist", "identifier=" + RIVERSIDE_MRN + "|" + mrn)
                .body(json(patient(RIVERSIDE_MRN, mrn, "Ana", unique("Lopez"), null)))
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(201);
    }

    @Test
    void identifiersOfTwoDifferentPersonsAreAConflictNotASilentMerge() {
        Patient first = patient(RIVERSIDE_MRN, unique("R"), "Ana", unique("Lopez"), null);
        Patient second = patient(ST_MARYS_MRN, unique("SM"), "Bea", unique("Khan"), null);
        register(RIVERSIDE, first).then().statusCode(201);
        register(ST_MARYS, second).then().statusCode(201);
        Patient both = patient(RIVERSIDE_MRN, first.getIdentifierFirstRep().getValue(), "Ana", "Lopez", null);
        both.addIdentifier(second.getIdentifierFirstRep());

        register("lakeside-lab", both)
                .then()
                .statusCode(409)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("duplicate"));
    }

    @Test
    void plainJsonIsAcceptedAsWellAsFhirJson() {
        as(RIVERSIDE)
                .contentType("application/json")
                .accept("application/json")
                .body(json(patient(RIVERSIDE_MRN, unique("R"), "Ana", unique("Lopez"), null)))
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(201)
                .body("resourceType", equalTo("Patient"));
    }

    @Test
    void patientWithoutAUsableIdentifierIsUnprocessable() {
        Patient noSystem = new Patient();
        noSystem.addIdentifier().setValue("12345");
        noSystem.addName().setFamily("Lopez");

        register(RIVERSIDE, noSystem)
                .then()
                .statusCode(422)
                .contentType(matchesPattern("application/fhir\\+json.*"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body(
                        "issue[0].diagnostics",
                        equalTo("a Patient needs at least one identifier with both a system and a value"));
    }

    @Test
    void unparsableJsonIsABadRequest() {
        as(RIVERSIDE)
                .contentType(FHIR_JSON)
                .body("{\"resourceType\": \"Patient\", ")
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"));
    }

    @Test
    void anotherResourceTypeIsABadRequest() {
        as(RIVERSIDE)
                .contentType(FHIR_JSON)
                .body("{\"resourceType\": \"Observation\", \"status\": \"final\"}")
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void aValueOutsideItsCodeSystemIsABadRequest() {
        Patient patient = patient(RIVERSIDE_MRN, unique("R"), "Ana", "Lopez", null);
        String body = json(patient)
                .replace("\"resourceType\":\"Patient\",", "\"resourceType\":\"Patient\",\"gender\":\"sometimes\",");
        as(RIVERSIDE)
                .contentType(FHIR_JSON)
                .body(body)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void aPatientBreakingFhirRulesIsUnprocessable() {
        Patient patient = patient(RIVERSIDE_MRN, unique("R"), "Ana", "Lopez", null);
        patient.addLink().setType(Patient.LinkType.SEEALSO); // link.other is required (1..1)
        register(RIVERSIDE, patient)
                .then()
                .statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("Patient.link"));
    }

    @Test
    void unknownPersonIsNotFound() {
        read("6f1c1d1e-0000-4000-8000-000000000000")
                .then()
                .statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"));
        read("not-a-uuid").then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void searchByIdentifierFindsThePersonAndNothingForAnUnknownOne() {
        String mrn = unique("R");
        String personId = parse(register(RIVERSIDE, patient(RIVERSIDE_MRN, mrn, "Ana", unique("Lopez"), "1980-05-17"))
                        .then()
                        .statusCode(201)
                        .extract()
                        .response())
                .getIdElement()
                .getIdPart();

        Bundle found = bundle(given().auth()
                .oauth2(PatientApi.gatewayToken())
                .queryParam("identifier", RIVERSIDE_MRN + "|" + mrn)
                .when()
                .get("/fhir/Patient"));
        Bundle none = bundle(given().auth()
                .oauth2(PatientApi.gatewayToken())
                .queryParam("identifier", RIVERSIDE_MRN + "|" + unique("nobody"))
                .when()
                .get("/fhir/Patient"));

        assertEquals(Bundle.BundleType.SEARCHSET, found.getType());
        assertEquals(1, found.getTotal());
        assertEquals(
                personId, found.getEntryFirstRep().getResource().getIdElement().getIdPart());
        assertEquals(0, none.getTotal());
        assertEquals(0, none.getEntry().size());
    }

    private static Bundle bundle(Response response) {
        response.then().statusCode(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, response.asString());
    }

    private static List<String> identifiers(Patient patient) {
        return patient.getIdentifier().stream()
                .map(i -> i.getSystem() + "|" + i.getValue())
                .toList();
    }
}
