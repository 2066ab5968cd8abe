package io.chartstream.exchange.read.web;

import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.chartstream.exchange.support.AuditSearch.audit;
import static io.chartstream.exchange.support.RecordEvents.entryAmended;
import static io.chartstream.exchange.support.RecordEvents.observationRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /fhir/{type}/{id}}: one resource from the caller's organization view, with its version. */
@QuarkusTest
class ReadByIdTest {

    static String newOrg(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse read(String token, String type, Object id, String after) {
        var request = given().auth().oauth2(token);
        if (after != null) {
            request.header("X-ChartStream-After", after);
        }
        return request.when().get("/fhir/{type}/{id}", type, id).then();
    }

    @Test
    void patientAndObservationAreReadFromTheViewWithTheirVersion() {
        String org = newOrg("riverside");
        UUID person = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        publish(patientRegistered(person, org, "MRN-R1"));
        String recorded = publish(observationRecorded(person, org, entry, 6.1));
        String clinician = TestTokens.clinician("dr.rivera", org);

        read(clinician, "Observation", entry, recorded)
                .statusCode(200)
                .contentType("application/fhir+json")
                .header("ETag", "W/\"1\"")
                .body("resourceType", equalTo("Observation"))
                .body("id", equalTo(entry.toString()))
                .body("meta.versionId", equalTo("1"))
                .body("subject.reference", equalTo("Patient/" + person))
                .body("valueQuantity.value", equalTo(6.1f));
        read(TestTokens.orgSystem(org), "Patient", person, null)
                .statusCode(200)
                .header("ETag", "W/\"1\"")
                .body("resourceType", equalTo("Patient"))
                .body("id", equalTo(person.toString()))
                .body("meta.versionId", equalTo("1"))
                .body("identifier[0].value", equalTo("MRN-R1"));
    }

    @Test
    void amendedEntryIsReadInItsLatestVersion() {
        String org = newOrg("riverside");
        UUID person = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        publish(patientRegistered(person, org, "MRN-R2"));
        publish(observationRecorded(person, org, entry, 8.0));
        String amended = publish(entryAmended(person, org, entry, 6.5, 2));

        read(TestTokens.clinician("dr.rivera", org), "Observation", entry, amended)
                .statusCode(200)
                .header("ETag", "W/\"2\"")
                .body("meta.versionId", equalTo("2"))
                .body("valueQuantity.value", equalTo(6.5f));
    }

    @Test
    void organizationWithoutCareRelationshipGetsTheUnknownIdAnswerAndNothingIsDisclosed() {
        UUID person = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        String clinic = newOrg("riverside");
        publish(patientRegistered(person, clinic, "MRN-R3"));
        String recorded = publish(observationRecorded(person, clinic, entry, 7.0));
        String northside = newOrg("northside");
        String stranger = TestTokens.clinician("dr.novak", northside);

        // waiting for the view proves the entry is known; the answer is still exactly an unknown id's
        String refused = read(stranger, "Observation", entry, recorded)
                .statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"))
                .body("issue[0].diagnostics", containsString("no active care relationship"))
                .extract()
                .asString();
        UUID unknown = UUID.randomUUID();
        String unknownAnswer = read(stranger, "Observation", unknown, null)
                .statusCode(404)
                .extract()
                .asString();
        assertEquals(unknownAnswer.replace(unknown.toString(), "<id>"), refused.replace(entry.toString(), "<id>"));
        String refusedPatient = read(stranger, "Patient", person, null)
                .statusCode(404)
                .extract()
                .asString();
        String unknownPatient = read(stranger, "Patient", unknown, null)
                .statusCode(404)
                .extract()
                .asString();
        assertEquals(
                unknownPatient.replace(unknown.toString(), "<id>"), refusedPatient.replace(person.toString(), "<id>"));

        // committed before the answers left: no waiting
        audit("patient=" + person + "&agent=" + northside + "&outcome=4")
                .body("total", equalTo(2))
                .body("entry.resource.entity.flatten().what.display", hasItem("Observation/read"));
        audit("patient=" + person + "&agent=" + northside + "&outcome=0").body("total", equalTo(0));
    }

    @Test
    void successfulReadIsDisclosedAsTypeRead() throws Exception {
        String org = newOrg("riverside");
        UUID person = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        publish(patientRegistered(person, org, "MRN-R4"));
        String recorded = publish(observationRecorded(person, org, entry, 5.9));

        read(TestTokens.clinician("dr.chen", org), "Observation", entry, recorded)
                .statusCode(200);

        audit("patient=" + person + "&subtype=read")
                .body("total", equalTo(1))
                .body("entry[0].resource.agent[0].altId", equalTo("dr.chen"))
                .body("entry[0].resource.agent[1].who.reference", equalTo("Organization/" + org))
                .body("entry[0].resource.agent[0].purposeOfUse[0].coding[0].code", equalTo("TREAT"))
                .body("entry[0].resource.entity.what.reference", hasItems("Patient/" + person, "Observation/" + entry))
                .body("entry[0].resource.entity.what.display", hasItem("Observation/read"));
    }

    @Test
    void unknownEntryIsNotFound() {
        read(TestTokens.clinician("dr.rivera", "riverside-clinic"), "Observation", UUID.randomUUID(), null)
                .statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"));
    }

    @Test
    void typeTheGatewayDoesNotServeIsNotFoundAndNamesTheServedTypes() {
        read(TestTokens.clinician("dr.rivera", "riverside-clinic"), "Claim", UUID.randomUUID(), null)
                .statusCode(404)
                .body("issue[0].code", equalTo("not-found"))
                .body("issue[0].diagnostics", containsString("Patient, Encounter, Condition, Observation"));
    }

    @Test
    void malformedIdIsABadRequest() {
        String clinician = TestTokens.clinician("dr.rivera", "riverside-clinic");
        read(clinician, "Observation", "not-a-uuid", null)
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("invalid"));
        read(clinician, "Patient", "not-a-uuid", null).statusCode(400).body("issue[0].code", equalTo("invalid"));
    }

    @Test
    void readWithoutTokenIsUnauthorizedAndPatientTokenIsRefused() {
        given().when().get("/fhir/Observation/{id}", UUID.randomUUID()).then().statusCode(401);
        read(TestTokens.patient("alice", UUID.randomUUID().toString()), "Observation", UUID.randomUUID(), null)
                .statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void readAfterAPositionThatNeverArrivesAnswers503() {
        read(
                        TestTokens.clinician("dr.rivera", "riverside-clinic"),
                        "Observation",
                        UUID.randomUUID(),
                        "clinical-service/999999999")
                .statusCode(503)
                .header("Retry-After", "1")
                .body("issue[0].code", equalTo("transient"));
    }

    @Test
    void readByIdShadowsNeitherTheOperationsNorTheWrites() {
        String org = newOrg("riverside");
        UUID person = UUID.randomUUID();
        String registered = publish(patientRegistered(person, org, "MRN-R5"));
        String clinician = TestTokens.clinician("dr.rivera", org);

        given().auth()
                .oauth2(clinician)
                .header("X-ChartStream-After", registered)
                .when()
                .get("/fhir/Patient/{id}/$everything", person)
                .then()
                .statusCode(200)
                .body("type", equalTo("searchset"));
        given().auth()
                .oauth2(clinician)
                .when()
                .get("/fhir/Observation?patient={id}", person)
                .then()
                .statusCode(200)
                .body("type", equalTo("searchset"));
        // an empty body is refused by the write endpoints themselves, before any owner is called
        given().auth()
                .oauth2(clinician)
                .contentType("application/fhir+json")
                .when()
                .put("/fhir/Observation/{id}", UUID.randomUUID())
                .then()
                .statusCode(400)
                .body("issue[0].diagnostics", startsWith("a FHIR JSON resource is required"));
        given().auth()
                .oauth2(clinician)
                .contentType("application/fhir+json")
                .when()
                .post("/fhir/Condition")
                .then()
                .statusCode(400)
                .body("issue[0].diagnostics", startsWith("a FHIR JSON resource is required"));
    }
}
