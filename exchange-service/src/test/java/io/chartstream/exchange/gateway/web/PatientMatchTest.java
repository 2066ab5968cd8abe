package io.chartstream.exchange.gateway.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.eventsourcing.projection.ViewConsistency;
import io.chartstream.exchange.gateway.application.PatientMatchOperation;
import io.chartstream.exchange.support.FakeOwners;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.chartstream.exchange.support.AuditSearch.audit;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /fhir/Patient/$match}: {@link FakeOwners} plays the MPI's scoring (it answers about
 * everyone); the views, the care check and the audit trail are real.
 */
@QuarkusTest
class PatientMatchTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Inject
    OrgViews views;

    @Test
    void onlyCandidatesInTheCallersCareAreAnsweredWithScoreAndGradeAndAudited() throws Exception {
        String riverside = "riverside-" + UUID.randomUUID().toString().substring(0, 8);
        String stMarys = "st-marys-" + UUID.randomUUID().toString().substring(0, 8);
        UUID inCare = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        settle(publish(patientRegistered(inCare, riverside, "R-M1")));
        settle(publish(patientRegistered(elsewhere, stMarys, "SM-M1")));
        FakeOwners.MATCH_ANSWER = "[" + candidate(elsewhere, 0.9999, "certain") + ","
                + candidate(inCare, 0.98, "probable") + "," + candidate(UUID.randomUUID(), 0.7, "possible") + "]";

        match(riverside, parameters(null, null))
                .then()
                .statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("searchset"))
                .body("total", equalTo(1))
                .body("entry[0].resource.id", equalTo(inCare.toString()))
                .body("entry[0].search.mode", equalTo("match"))
                .body("entry[0].search.score", equalTo(0.98f))
                .body("entry[0].search.extension[0].url", equalTo(PatientMatchOperation.MATCH_GRADE))
                .body("entry[0].search.extension[0].valueCode", equalTo("probable"));
        assertTrue(FakeOwners.CALLS.get(FakeOwners.CALLS.size() - 1).body().contains("\"resourceType\":\"Patient\""));

        // onlyCertainMatches: the only certain candidate is someone else's, so the answer is nobody's
        String onlyCertain = match(riverside, parameters(true, null))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        FakeOwners.MATCH_ANSWER = "[]";
        String nobody = match(riverside, parameters(null, null))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(nobody, onlyCertain, "byte for byte the answer about nobody");

        audit("patient=" + inCare + "&agent=" + riverside, "entity", PatientMatchOperation.WHAT)
                .body("total", equalTo(1));
        audit("patient=" + elsewhere + "&agent=" + riverside).body("total", equalTo(0));
    }

    @Test
    void countLimitsTheCandidates() throws Exception {
        String org = "riverside-" + UUID.randomUUID().toString().substring(0, 8);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        publish(patientRegistered(first, org, "R-C1"));
        settle(publish(patientRegistered(second, org, "R-C2")));
        FakeOwners.MATCH_ANSWER =
                "[" + candidate(first, 0.99, "certain") + "," + candidate(second, 0.6, "possible") + "]";

        match(org, parameters(null, 1))
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.id", equalTo(first.toString()));
        match(org, parameters(null, null)).then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void aBodyThatIsNotTheOperationsParametersIsABadRequest() {
        String org = "riverside-" + UUID.randomUUID().toString().substring(0, 8);
        match(org, "{\"resourceType\":\"Patient\"}")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
        match(org, "not json").then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        match(org, FHIR.newJsonParser().encodeResourceToString(new Parameters()))
                .then()
                .statusCode(400)
                .body(containsString("resource"));
        Parameters observation = new Parameters();
        observation.addParameter().setName("resource").setResource(new Observation());
        match(org, FHIR.newJsonParser().encodeResourceToString(observation))
                .then()
                .statusCode(400)
                .body(containsString("must be a Patient"));
        Parameters badCount = parametersOf(patient(), null, null);
        badCount.addParameter().setName("count").setValue(new IntegerType(0));
        match(org, FHIR.newJsonParser().encodeResourceToString(badCount)).then().statusCode(400);
        given().auth()
                .oauth2(TestTokens.withRoles("admin.ada", "hie-admin"))
                .contentType("application/fhir+json")
                .body(parameters(null, null))
                .post("/fhir/Patient/$match")
                .then()
                .statusCode(403);
    }

    private static Response match(String org, String body) {
        return given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", org))
                .contentType("application/fhir+json")
                .body(body)
                .post("/fhir/Patient/$match");
    }

    private static String parameters(Boolean onlyCertain, Integer count) {
        return FHIR.newJsonParser().encodeResourceToString(parametersOf(patient(), onlyCertain, count));
    }

    private static Parameters parametersOf(Patient patient, Boolean onlyCertain, Integer count) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(patient);
        if (onlyCertain != null) {
            parameters.addParameter().setName("onlyCertainMatches").setValue(new BooleanType(onlyCertain));
        }
        if (count != null) {
            parameters.addParameter().setName("count").setValue(new IntegerType(count));
        }
        return parameters;
    }

    private static Patient patient() {
        Patient patient = new Patient();
        patient.addName(new HumanName().setFamily("Rivera").addGiven("Ana"));
        patient.getBirthDateElement().setValueAsString("1980-05-17");
        return patient;
    }

    private static String candidate(UUID person, double probability, String grade) {
        return "{\"personId\":\"" + person + "\",\"score\":30.0,\"probability\":" + probability + ",\"grade\":\""
                + grade + "\"}";
    }

    private void settle(String position) throws Exception {
        assertTrue(
                views.awaitApplied(ViewConsistency.Position.parse(position), Duration.ofSeconds(20)),
                "the view applied " + position);
    }
}
