package io.chartstream.system;

import io.chartstream.testsupport.Eventually;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding a person through the gateway of the launched exchange (issue 12, part 4): a Patient
 * search and {@code $match} answer only persons in the caller's care, so the answer a hospital
 * gets for a person registered only at the clinic is the very same as for nobody at all; the
 * clinic finds its patient, with the MPI's grade and score.
 */
class PatientLookupSystemTest {

    private static final String GW = RunningExchange.GATEWAY + "/fhir";

    private static String family;
    private static String clinician;
    private static String hospital;

    @BeforeAll
    static void tokens() {
        RunningExchange.ensureUp();
        family = "Lookup" + UUID.randomUUID().toString().substring(0, 8);
        clinician = Tokens.user("dr.rivera");
        hospital = Tokens.user("dr.chen");
    }

    @Test
    void aPersonInTheClinicsCareIsFoundByTheClinicAndIsNothingToTheHospital() {
        String search = GW + "/Patient?family=" + family + "&birthdate=1961-07-23";
        String hospitalBefore = given().auth()
                .oauth2(hospital)
                .get(search)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String matchBefore = match(hospital).then().statusCode(200).extract().asString();

        Response registered = Fhir.post(
                clinician,
                "Patient",
                Fhir.patient(Fhir.RIVERSIDE_MRN, "RC-L" + family, family, "Marguerite", "1961-07-23"),
                null);
        assertEquals(201, registered.statusCode(), registered.asString());
        String person = Fhir.createdId(registered);

        // the clinic finds its patient once its view has her
        Eventually.assertThat(() -> assertEquals(
                List.of(person),
                given().auth()
                        .oauth2(clinician)
                        .get(search)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("entry.resource.id")));
        Response matched = match(clinician);
        assertEquals(200, matched.statusCode(), matched.asString());
        assertEquals(person, matched.jsonPath().getString("entry[0].resource.id"));
        assertEquals(
                "http://hl7.org/fhir/StructureDefinition/match-grade",
                matched.jsonPath().getString("entry[0].search.extension[0].url"));
        double score = matched.jsonPath().getDouble("entry[0].search.score");
        assertTrue(score > 0 && score <= 1, "score " + score);

        // the hospital gets byte for byte what it got before she existed
        assertEquals(
                hospitalBefore,
                given().auth().oauth2(hospital).get(search).then().extract().asString());
        assertEquals(matchBefore, match(hospital).then().extract().asString());
    }

    private static Response match(String token) {
        Parameters parameters = new Parameters();
        parameters
                .addParameter()
                .setName("resource")
                .setResource(Fhir.patient(Fhir.RIVERSIDE_MRN, "RC-L" + family, family, "Marguerite", "1961-07-23"));
        parameters.addParameter("count", new IntegerType(5));
        return given().auth()
                .oauth2(token)
                .contentType("application/fhir+json")
                .body(Fhir.json(parameters))
                .post(GW + "/Patient/$match");
    }
}
