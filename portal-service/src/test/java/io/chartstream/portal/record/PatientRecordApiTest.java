package io.chartstream.portal.record;

import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.ws.rs.core.MediaType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The patient-record view filled from real events on Kafka, read through {@code GET /api/record}. */
@QuarkusTest
class PatientRecordApiTest {

    private static final String OBSERVATION = ClinicalContracts.OBSERVATION_RECORDED.typeName();

    @Test
    void theRegistrantsRevisedDemographicsReplaceTheRegisteredOnesAndAnotherRegistrantsDoNot() {
        UUID alice = UUID.randomUUID();
        PublishedEvents.patientRegistered(
                alice,
                "riverside-clinic",
                "urn:riverside:mrn",
                "MRN-2001",
                Fhir.patient("Alice", "Walker", "1984-02-11", AdministrativeGender.FEMALE));
        PublishedEvents.registrationRevised(
                alice,
                "st-marys-hospital",
                "urn:st-marys:mrn",
                "SM-2001",
                Fhir.patient("Alicia", "Somebody", "1984-02-11", AdministrativeGender.FEMALE),
                false,
                2);
        PublishedEvents.registrationRevised(
                alice,
                "riverside-clinic",
                "urn:riverside:mrn",
                "MRN-2001",
                Fhir.patient("Alice", "Walker-Stone", "1984-02-12", AdministrativeGender.FEMALE),
                true,
                3);

        Eventually.assertThat(() -> record("alice", alice).body("demographics.name", equalTo("Alice Walker-Stone")));
        record("alice", alice)
                .body("demographics.birthDate", equalTo("1984-02-12"))
                .body("demographics.registeredBy", equalTo("riverside-clinic"));
    }

    @Test
    void glucoseResultAppearsWithValueAndUnit() {
        UUID alice = UUID.randomUUID();
        PublishedEvents.patientRegistered(
                alice,
                "riverside-clinic",
                "urn:riverside:mrn",
                "MRN-1001",
                Fhir.patient("Alice", "Walker", "1984-02-11", AdministrativeGender.FEMALE));
        UUID entry = PublishedEvents.recorded(OBSERVATION, alice, "riverside-clinic", Fhir.glucose("95"));

        Eventually.assertThat(
                () -> record("alice", alice).body("observations", hasSize(1)).body("demographics", not(nullValue())));
        record("alice", alice)
                .body("personId", equalTo(alice.toString()))
                .body("demographics.name", equalTo("Alice Walker"))
                .body("demographics.birthDate", equalTo("1984-02-11"))
                .body("demographics.gender", equalTo("female"))
                .body("demographics.registeredBy", equalTo("riverside-clinic"))
                .body("demographics.identifiers[0].value", equalTo("MRN-1001"))
                .body("demographics.identifiers[0].system", equalTo("urn:riverside:mrn"))
                .body("demographics.identifiers[0].organization", equalTo("riverside-clinic"))
                .body("observations[0].entryId", equalTo(entry.toString()))
                .body("observations[0].code", equalTo(Fhir.GLUCOSE))
                .body("observations[0].codeSystem", equalTo(Fhir.LOINC))
                .body("observations[0].display", equalTo("Glucose [Mass/volume] in Blood"))
                .body("observations[0].value", equalTo("95"))
                .body("observations[0].numericValue", equalTo(95))
                .body("observations[0].unit", equalTo("mg/dL"))
                .body("observations[0].effective", equalTo("2026-03-01T08:30:00Z"))
                .body("observations[0].status", equalTo("final"))
                .body("observations[0].organization", equalTo("riverside-clinic"));
    }

    @Test
    void everyKindOfEntryIsShownWithWhatAPersonReads() {
        UUID person = UUID.randomUUID();
        PublishedEvents.recorded(
                OBSERVATION,
                person,
                "st-marys-hospital",
                Fhir.stringResult("5778-6", "Color of Urine", "Straw yellow"));
        PublishedEvents.recorded(
                OBSERVATION,
                person,
                "st-marys-hospital",
                Fhir.codedResult("94500-6", "SARS-CoV-2 RNA", "260385009", "Negative"));
        PublishedEvents.recorded(
                ClinicalContracts.CONDITION_RECORDED.typeName(),
                person,
                "riverside-clinic",
                Fhir.condition("44054006", "Diabetes mellitus type 2"));
        PublishedEvents.recorded(
                ClinicalContracts.MEDICATION_REQUEST_RECORDED.typeName(),
                person,
                "riverside-clinic",
                Fhir.medication("860975", "Metformin 500 MG Oral Tablet", "1 tablet by mouth twice daily with meals"));
        PublishedEvents.recorded(
                ClinicalContracts.ALLERGY_INTOLERANCE_RECORDED.typeName(),
                person,
                "riverside-clinic",
                Fhir.allergy("7980", "Penicillin G", "Hives", "moderate"));

        Eventually.assertThat(
                () -> record("pat", person).body("allergies", hasSize(1)).body("observations", hasSize(2)));
        record("pat", person)
                .body("demographics", nullValue())
                .body("observations.find { it.code == '5778-6' }.value", equalTo("Straw yellow"))
                .body("observations.find { it.code == '5778-6' }.unit", nullValue())
                .body("observations.find { it.code == '94500-6' }.value", equalTo("Negative"))
                .body("conditions[0].display", equalTo("Diabetes mellitus type 2"))
                .body("conditions[0].clinicalStatus", equalTo("active"))
                .body("conditions[0].verificationStatus", equalTo("confirmed"))
                .body("conditions[0].onset", equalTo("2019-06-01"))
                .body("medications[0].display", equalTo("Metformin 500 MG Oral Tablet"))
                .body("medications[0].dosage", equalTo("1 tablet by mouth twice daily with meals"))
                .body("medications[0].status", equalTo("active"))
                .body("allergies[0].substance", equalTo("Penicillin G"))
                .body("allergies[0].criticality", equalTo("high"))
                .body("allergies[0].reactions[0].manifestations", contains("Hives"))
                .body("allergies[0].reactions[0].severity", equalTo("moderate"))
                .body("allergies[0].organization", equalTo("riverside-clinic"));
    }

    @Test
    void amendmentReplacesTheEarlierVersion() {
        UUID person = UUID.randomUUID();
        UUID entry = PublishedEvents.recorded(OBSERVATION, person, "riverside-clinic", Fhir.glucose("95"));
        PublishedEvents.amended(entry, person, "riverside-clinic", Fhir.glucose("105"), 2);

        Eventually.assertThat(() -> record("pat", person).body("observations[0].version", equalTo(2)));
        record("pat", person)
                .body("observations", hasSize(1))
                .body("observations[0].entryId", equalTo(entry.toString()))
                .body("observations[0].value", equalTo("105"))
                .body("observations[0].unit", equalTo("mg/dL"));
    }

    @Test
    void anOlderVersionArrivingLateDoesNotOverwriteTheAmendment() {
        UUID person = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        PublishedEvents.amended(entry, person, "riverside-clinic", Fhir.glucose("110"), 3);
        PublishedEvents.entry(OBSERVATION, entry, person, "riverside-clinic", Fhir.glucose("90"), 1);
        UUID marker = PublishedEvents.recorded(
                ClinicalContracts.CONDITION_RECORDED.typeName(),
                person,
                "riverside-clinic",
                Fhir.condition("38341003", "Hypertension"));

        // the marker is on the same partition after both: once it shows, both were applied
        Eventually.assertThat(() -> record("pat", person).body("conditions[0].entryId", equalTo(marker.toString())));
        record("pat", person)
                .body("observations", hasSize(1))
                .body("observations[0].version", equalTo(3))
                .body("observations[0].value", equalTo("110"));
    }

    @Test
    void aPatientSeesOnlyTheirOwnRecord() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        PublishedEvents.patientRegistered(
                alice,
                "riverside-clinic",
                "urn:riverside:mrn",
                "A-1",
                Fhir.patient("Alice", "Walker", "1984-02-11", AdministrativeGender.FEMALE));
        PublishedEvents.patientRegistered(
                bob,
                "riverside-clinic",
                "urn:riverside:mrn",
                "B-2",
                Fhir.patient("Bob", "Stone", "1970-07-07", AdministrativeGender.MALE));
        PublishedEvents.recorded(OBSERVATION, alice, "riverside-clinic", Fhir.glucose("95"));
        PublishedEvents.recorded(OBSERVATION, bob, "riverside-clinic", Fhir.glucose("180"));
        PublishedEvents.recorded(
                ClinicalContracts.CONDITION_RECORDED.typeName(),
                bob,
                "riverside-clinic",
                Fhir.condition("44054006", "Diabetes mellitus type 2"));

        Eventually.assertThat(() -> record("alice", alice).body("observations", hasSize(1)));
        Eventually.assertThat(() -> record("bob", bob).body("conditions", hasSize(1)));
        record("alice", alice)
                .body("personId", equalTo(alice.toString()))
                .body("demographics.name", equalTo("Alice Walker"))
                .body("demographics.identifiers.value", contains("A-1"))
                .body("observations.value", contains("95"))
                .body("conditions", empty());
        record("bob", bob)
                .body("personId", equalTo(bob.toString()))
                .body("demographics.name", equalTo("Bob Stone"))
                .body("observations.value", contains("180"))
                .body("conditions.display", contains("Diabetes mellitus type 2"));
    }

    @Test
    void noParameterCanPointTheApiAtAnotherPersonsRecord() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        PublishedEvents.recorded(OBSERVATION, alice, "riverside-clinic", Fhir.glucose("95"));
        PublishedEvents.recorded(OBSERVATION, bob, "riverside-clinic", Fhir.glucose("180"));
        Eventually.assertThat(() -> record("bob", bob).body("observations", hasSize(1)));
        Eventually.assertThat(() -> record("alice", alice).body("observations", hasSize(1)));

        given().auth()
                .oauth2(TestTokens.patient("alice", alice.toString()))
                .queryParam("personId", bob.toString())
                .queryParam("person_id", bob.toString())
                .header("X-ChartStream-Person", bob.toString())
                .when()
                .get("/api/record")
                .then()
                .statusCode(200)
                .body("personId", equalTo(alice.toString()))
                .body("observations.value", contains("95"));
        given().auth()
                .oauth2(TestTokens.patient("alice", alice.toString()))
                .when()
                .get("/api/record/" + bob)
                .then()
                .statusCode(404);
    }

    @Test
    void aPersonWithNothingSharedGetsAnEmptyRecord() {
        UUID nobody = UUID.randomUUID();
        record("new.patient", nobody)
                .body("personId", equalTo(nobody.toString()))
                .body("demographics", nullValue())
                .body("observations", empty())
                .body("conditions", empty())
                .body("medications", empty())
                .body("allergies", empty());
    }

    @Test
    void errorsAreThePortalsOwnNotFhirOperationOutcomes() {
        // chartstream-fhir gives the portal its FhirContext; its OperationOutcome error mappers are off here.
        // With them on, every response below would be an application/fhir+json OperationOutcome; off, they
        // are Quarkus' own, as before the portal took chartstream-fhir (empty 401 with a Bearer challenge,
        // empty 403 and 405, the plain 404 page), and the portal's 403 mappers answer as ever.
        String patient = TestTokens.patient("alice", UUID.randomUUID().toString());
        notFhir(given().when().get("/api/no-such-resource").then().statusCode(404));
        notFhir(given().auth()
                .oauth2(patient)
                .when()
                .get("/api/record/" + UUID.randomUUID())
                .then()
                .statusCode(404));
        notFhir(given().when().get("/api/record").then().statusCode(401).header("WWW-Authenticate", "Bearer"))
                .body(emptyString());
        notFhir(given().when().get("/record").then().statusCode(401).header("WWW-Authenticate", "Bearer"))
                .body(emptyString());
        notFhir(given().when().get("/admin/projections").then().statusCode(401)).body(emptyString());
        notFhir(given().auth()
                        .oauth2(patient)
                        .when()
                        .get("/admin/projections")
                        .then()
                        .statusCode(403))
                .body(emptyString());
        notFhir(given().auth().oauth2(patient).when().post("/api/record").then().statusCode(405))
                .body(emptyString());
        notFhir(given().auth().oauth2(patient).when().delete("/record").then().statusCode(405))
                .body(emptyString());
        notFhir(given().auth()
                        .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                        .when()
                        .get("/api/record")
                        .then()
                        .statusCode(403)
                        .contentType(MediaType.APPLICATION_JSON))
                .body("error", equalTo("forbidden"));
    }

    private static ValidatableResponse notFhir(ValidatableResponse response) {
        return response.contentType(not(containsString("fhir"))).body(not(containsString("OperationOutcome")));
    }

    @Test
    void theApiWithoutATokenIsUnauthorized() {
        given().when().get("/api/record").then().statusCode(401);
    }

    @Test
    void aPatientsTokenGivenToAnotherClientIsUnauthorized() {
        // Keycloak gives every client's tokens the gateway's audience; only the portal's own client and the
        // CLI add the portal's. A token an organization's system client, the exchange or a third-party app
        // of the realm obtained for this patient is not meant for the portal, so it reads nothing here.
        UUID alice = UUID.randomUUID();
        String forTheGatewayOnly = TestTokens.token(
                "alice", List.of("patient"), Map.of("person_id", alice.toString(), "aud", TestTokens.GATEWAY_AUDIENCE));
        given().auth()
                .oauth2(forTheGatewayOnly)
                .when()
                .get("/api/record")
                .then()
                .statusCode(401);
        given().auth().oauth2(forTheGatewayOnly).when().get("/record").then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.patient("alice", alice.toString()))
                .when()
                .get("/api/record")
                .then()
                .statusCode(200)
                .body("personId", equalTo(alice.toString()));
    }

    @Test
    void aClinicianTokenIsForbidden() {
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .when()
                .get("/api/record")
                .then()
                .statusCode(403)
                .body("error", equalTo("forbidden"))
                .body("message", containsString("only a patient"));
    }

    @Test
    void aPatientTokenWithoutPersonIdIsForbidden() {
        given().auth()
                .oauth2(TestTokens.withRoles("unlinked", "patient"))
                .when()
                .get("/api/record")
                .then()
                .statusCode(403)
                .body("message", containsString("not linked to a health record"));
        given().auth()
                .oauth2(TestTokens.token("bad.claim", List.of("patient"), Map.of("person_id", "../../bob")))
                .when()
                .get("/api/record")
                .then()
                .statusCode(403);
    }

    @Test
    void aPersonIdWithoutThePatientRoleIsForbidden() {
        given().auth()
                .oauth2(TestTokens.token(
                        "not.a.patient",
                        List.of("auditor"),
                        Map.of("person_id", UUID.randomUUID().toString())))
                .when()
                .get("/api/record")
                .then()
                .statusCode(403);
    }

    @Test
    void theRecordIsNeverCached() {
        given().auth()
                .oauth2(TestTokens.patient("alice", UUID.randomUUID().toString()))
                .when()
                .get("/api/record")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store");
    }

    static ValidatableResponse record(String user, UUID personId) {
        return given().auth()
                .oauth2(TestTokens.patient(user, personId.toString()))
                .when()
                .get("/api/record")
                .then()
                .statusCode(200);
    }
}
