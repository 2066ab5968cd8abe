package io.chartstream.patient.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.fhir.ActingParty;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
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
import static io.chartstream.patient.registration.PatientApi.registerOwning;
import static io.chartstream.patient.registration.PatientApi.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PatientRegistrationTest {

    private static final String RIVERSIDE_MRN = "urn:riverside-clinic:mrn";
    private static final String ST_MARYS_MRN = "urn:st-marys-hospital:mrn";
    private static final String SSN = "http://hl7.org/fhir/sid/us-ssn";
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
                .header("X-ChartStream-Position", matchesPattern("patient-service/\\d+"));
        assertNull(created.header("ETag"), "the person's version would tell how many others registered it");
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

        again.then().statusCode(200);
        assertNull(again.header("X-ChartStream-Position"), "no event, so no position");
        assertEquals(personId, parse(again).getIdElement().getIdPart());
        assertEquals(List.of(REGISTERED), events.typesOf(personId));
    }

    @Test
    void anotherOrganizationsIdentifierIsDataThatNeverLinksNorAppearsInAnEvent() throws Exception {
        String national = unique("N");
        Patient atRiverside = patient(RIVERSIDE_MRN, unique("R"), "Ana", unique("Lopez"), "1980-05-17");
        atRiverside.addIdentifier().setSystem(SSN).setValue(national);
        String riversidePerson = personId(registerOwning(RIVERSIDE, RIVERSIDE_MRN, atRiverside));
        String stMarysMrn = unique("SM");
        Patient atStMarys = patient(ST_MARYS_MRN, stMarysMrn, "Anna", "Somebody-Else", "1979-01-01");
        atStMarys.addIdentifier().setSystem(SSN).setValue(national);
        atStMarys
                .addIdentifier()
                .setSystem(RIVERSIDE_MRN)
                .setValue(atRiverside.getIdentifierFirstRep().getValue());

        Response answer = registerOwning(ST_MARYS, ST_MARYS_MRN, atStMarys);

        answer.then().statusCode(201);
        String stMarysPerson = parse(answer).getIdElement().getIdPart();
        assertNotEquals(riversidePerson, stMarysPerson, "neither the SSN nor Riverside's MRN links St Mary's");
        assertEquals(
                List.of(
                        ST_MARYS_MRN + "|" + stMarysMrn,
                        SSN + "|" + national,
                        identifiers(atRiverside).get(0)),
                identifiers(parse(answer)),
                "the answer is what St Mary's sent, nothing more");
        assertEquals(List.of(REGISTERED), events.typesOf(stMarysPerson));
        assertFalse(events.dataOf(stMarysPerson, 1).contains("\"identifier\":{\"system\":\"" + RIVERSIDE_MRN));
        assertEquals(List.of(REGISTERED), events.typesOf(riversidePerson));
    }

    @Test
    void registeringWithOnlyAnotherOrganizationsIdentifierIsRefusedNamingTheOwnSystems() {
        Patient onlyRiversides = patient(RIVERSIDE_MRN, unique("R"), "Ana", unique("Lopez"), "1980-05-17");

        registerOwning(ST_MARYS, ST_MARYS_MRN, onlyRiversides)
                .then()
                .statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString(ST_MARYS_MRN));
        registerOwning(ST_MARYS, "", onlyRiversides)
                .then()
                .statusCode(422)
                .body("issue[0].diagnostics", containsString("binds no identifier system"));
    }

    @Test
    void aCertainMatchLinksButTheAnswerHoldsOnlyWhatTheLinkingOrganizationSent() throws Exception {
        String family = unique("Okafor");
        Patient atRiverside = withPhone(patient(RIVERSIDE_MRN, unique("R"), "Chidi", family, "1975-11-02"));
        atRiverside.addAddress().addLine("12 River Road").setPostalCode("01101");
        String personId = personId(register(RIVERSIDE, atRiverside));

        Response linked = register(
                ST_MARYS,
                withPhone(patient(ST_MARYS_MRN, unique("SM"), "  CHIDI ", family.toLowerCase() + " ", "1975-11-02")));

        // 201 as for a new person: the status does not tell that someone else knows the person
        linked.then().statusCode(201);
        Patient answer = parse(linked);
        assertEquals(personId, answer.getIdElement().getIdPart());
        assertEquals(1, answer.getIdentifier().size(), "only St Mary's own MRN");
        assertTrue(answer.getAddress().isEmpty(), "not Riverside's address");
        assertEquals(List.of(REGISTERED, LINKED), events.typesOf(personId));
        assertEquals(
                "demographics",
                new ObjectMapper()
                        .readTree(events.dataOf(personId, 2))
                        .get("matchedOn")
                        .asText());
    }

    @Test
    void aLookAlikeWithTheSameNameAndBirthDateGetsANewPersonAndLearnsNothing() throws Exception {
        String family = unique("Anderson");
        Patient alice = withPhone(patient(RIVERSIDE_MRN, unique("R"), "Alice", family, "1980-04-12"));
        alice.addAddress().addLine("12 River Road").setPostalCode("01101");
        String alicePerson = personId(register(RIVERSIDE, alice));

        Patient lookAlike = patient(ST_MARYS_MRN, unique("SM"), "Alice", family, "1980-04-12");
        lookAlike.setGender(Enumerations.AdministrativeGender.MALE);
        Response answer = register(ST_MARYS, lookAlike);

        answer.then().statusCode(201);
        assertNotEquals(alicePerson, parse(answer).getIdElement().getIdPart());
        assertFalse(answer.asString().contains("River Road"));
        assertFalse(answer.asString().contains(alice.getIdentifierFirstRep().getValue()));
        assertEquals(List.of(REGISTERED), events.typesOf(alicePerson), "nothing links St Mary's to Alice");
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
    void conditionalCreateOnTheOrganizationsOwnIdentifierReturnsItsPersonWithoutAnEvent() throws Exception {
        String mrn = unique("R");
        String personId =
                personId(register(RIVERSIDE, patient(RIVERSIDE_MRN, mrn, "Ana", unique("Lopez"), "1980-05-17")));

        Response conditional = as(RIVERSIDE)
                .header(ActingParty.ASSIGNING_AUTHORITIES_HEADER, RIVERSIDE_MRN)
                .contentType(FHIR_JSON)
                .header("If-None-Exist", "identifier=" + RIVERSIDE_MRN + "|" + mrn)
                .body(json(patient(RIVERSIDE_MRN, unique("R"), "Ana", "Lopez", "1980-05-17")))
                .when()
                .post("/fhir/Patient");

        conditional.then().statusCode(200);
        assertEquals(personId, parse(conditional).getIdElement().getIdPart());
        assertEquals(List.of(REGISTERED), events.typesOf(personId));
    }

    @Test
    void conditionalCreateOnAnotherOrganizationsIdentifierMatchesNothingAndDisclosesNothing() throws Exception {
        String mrn = unique("R");
        String personId =
                personId(register(RIVERSIDE, patient(RIVERSIDE_MRN, mrn, "Ana", unique("Lopez"), "1980-05-17")));

        // St Mary's probes "create unless Riverside's MRN is known": it learns nothing, it creates
        Response conditional = as(ST_MARYS)
                .header(ActingParty.ASSIGNING_AUTHORITIES_HEADER, ST_MARYS_MRN)
                .contentType(FHIR_JSON)
                .header("If-None-Exist", "identifier=" + RIVERSIDE_MRN + "|" + mrn)
                .body(json(patient(ST_MARYS_MRN, unique("SM"), "Bea", unique("Khan"), null)))
                .when()
                .post("/fhir/Patient");

        conditional.then().statusCode(201);
        assertNotEquals(personId, parse(conditional).getIdElement().getIdPart());
        assertEquals(List.of(REGISTERED), events.typesOf(personId));
    }

    @Test
    void conditionalCreateWithoutAMatchCreates() {
        String mrn = unique("R");
        as(RIVERSIDE)
                .header(ActingParty.ASSIGNING_AUTHORITIES_HEADER, RIVERSIDE_MRN)
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
                .header(ActingParty.ASSIGNING_AUTHORITIES_HEADER, RIVERSIDE_MRN)
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

        registerOwning(RIVERSIDE, RIVERSIDE_MRN, noSystem)
                .then()
                .statusCode(422)
                .contentType(matchesPattern("application/fhir\\+json.*"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("needs an identifier of one of"))
                .body("issue[0].diagnostics", containsString(RIVERSIDE_MRN));
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

    private static String personId(Response created) {
        return parse(created.then().statusCode(201).extract().response())
                .getIdElement()
                .getIdPart();
    }

    private static Patient withPhone(Patient patient) {
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("+1 555 0142");
        patient.setGender(Enumerations.AdministrativeGender.MALE);
        return patient;
    }
}
