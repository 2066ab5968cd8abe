package io.chartstream.exchange.read.web;

import io.chartstream.eventsourcing.projection.ViewConsistency;
import io.chartstream.exchange.read.application.PatientSearch;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
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

/** {@code GET /fhir/Patient?...}: persons in the caller's care only, on real PostgreSQL and Kafka. */
@QuarkusTest
class PatientSearchTest {

    @Inject
    OrgViews views;

    @Test
    void aPersonInCareIsFoundByIdentifierNamesAndBirthDateAndTheAnswerIsAudited() throws Exception {
        String org = newOrg("riverside");
        UUID person = UUID.randomUUID();
        String family = "Okonkwo" + UUID.randomUUID().toString().substring(0, 6);
        settle(publish(patientRegistered(person, org, "MRN-P1", patient(family, "Adaeze", "1984-03-09"))));

        for (String query : new String[] {
            "identifier=urn:chartstream:" + org + ":mrn|MRN-P1",
            "identifier=MRN-P1&family=" + family.toUpperCase(),
            "family=" + family.substring(0, 8) + "&given=ada&birthdate=1984-03-09",
            "family=" + family + "&birthdate=eq1984-03-09&_count=5"
        }) {
            search(org, query)
                    .then()
                    .statusCode(200)
                    .body("resourceType", equalTo("Bundle"))
                    .body("type", equalTo("searchset"))
                    .body("total", equalTo(1))
                    .body("entry[0].resource.id", equalTo(person.toString()))
                    .body("entry[0].search.mode", equalTo("match"));
        }
        search(org, "family=" + family + "&birthdate=1984-03-10")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));

        // each answer is a disclosure of the person to the caller, committed before it left
        audit("patient=" + person + "&agent=" + org, "entity", PatientSearch.WHAT)
                .body("total", equalTo(4))
                .body("entry[0].resource.agent[0].purposeOfUse[0].coding[0].code", equalTo("TREAT"));
    }

    @Test
    void someoneKnownOnlyElsewhereIsAnsweredExactlyAsAnUnknownPerson() throws Exception {
        String riverside = newOrg("riverside");
        String stMarys = newOrg("st-marys");
        UUID elsewhere = UUID.randomUUID();
        String family = "Lindqvist" + UUID.randomUUID().toString().substring(0, 6);
        settle(publish(patientRegistered(elsewhere, stMarys, "SM-9", patient(family, "Signe", "1990-11-02"))));
        String unknownFamily = "Nobody" + UUID.randomUUID().toString().substring(0, 6);

        String known = search(riverside, "family=" + family + "&birthdate=1990-11-02")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String unknown = search(riverside, "family=" + unknownFamily + "&birthdate=1990-11-02")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(unknown.replace(unknownFamily, family), known, "byte for byte the answer about nobody");
        assertTrue(known.contains("\"total\":0"), known);
        // the same search by its identifier, in the other system and bare
        assertEquals(
                search(riverside, "identifier=urn:chartstream:" + stMarys + ":mrn|SM-9")
                        .asString()
                        .replace("SM-9", "SM-0"),
                search(riverside, "identifier=urn:chartstream:" + stMarys + ":mrn|SM-0")
                        .asString());
        // St Mary's finds its own
        search(stMarys, "family=" + family).then().statusCode(200).body("total", equalTo(1));
        // nothing was disclosed to Riverside
        audit("patient=" + elsewhere + "&agent=" + riverside).body("total", equalTo(0));
    }

    @Test
    void aSearchWithoutCriteriaOrWithAParameterNotServedIsABadRequest() {
        String org = newOrg("riverside");
        search(org, "").then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        search(org, "name=Ana").then().statusCode(400).body(containsString("name is not served"));
        search(org, "birthdate=1984").then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
        search(org, "identifier=urn:x|").then().statusCode(400);
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", org))
                .header("Prefer", "handling=lenient")
                .get("/fhir/Patient?name=Ana&family=Nobody")
                .then()
                .statusCode(200)
                .body("total", equalTo(0))
                .body("link[0].url", containsString("/fhir/Patient?family=Nobody"));
        given().auth()
                .oauth2(TestTokens.withRoles("admin.ada", "hie-admin"))
                .get("/fhir/Patient?family=Nobody")
                .then()
                .statusCode(403);
    }

    private static Response search(String org, String query) {
        return given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", org))
                .urlEncodingEnabled(false)
                .get("/fhir/Patient" + (query.isEmpty() ? "" : "?" + query.replace("|", "%7C")));
    }

    private static Patient patient(String family, String given, String birthDate) {
        Patient patient = new Patient();
        patient.addName(new HumanName().setFamily(family).addGiven(given));
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.getBirthDateElement().setValueAsString(birthDate);
        return patient;
    }

    private void settle(String position) throws Exception {
        assertTrue(
                views.awaitApplied(ViewConsistency.Position.parse(position), Duration.ofSeconds(20)),
                "the view applied " + position);
    }

    private static String newOrg(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
