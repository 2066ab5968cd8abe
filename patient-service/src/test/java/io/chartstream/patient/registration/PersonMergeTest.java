package io.chartstream.patient.registration;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.patient.PersonsMergedV1;
import io.chartstream.contracts.patient.PersonsUnmergedV1;
import io.chartstream.fhir.ActingParty;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.ST_MARYS;
import static io.chartstream.patient.registration.PatientApi.gatewayToken;
import static io.chartstream.patient.registration.PatientApi.merge;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.read;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.registered;
import static io.chartstream.patient.registration.PatientApi.unique;
import static io.chartstream.patient.registration.PatientApi.unmerge;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merge and unmerge of persons (issue 12 part 3, decisions §21), on real PostgreSQL and Kafka. */
@QuarkusTest
class PersonMergeTest {

    @Inject
    PatientEventLog events;

    @Test
    void aMergeLinksBothPatientsAndAnUnmergeRestoresThem() throws SQLException {
        String riversideMrn = unique("R");
        String stMarysMrn = unique("SM");
        String survivor = registered(RIVERSIDE, "urn:riverside-clinic:mrn", riversideMrn, "Ines", "Garcia");
        String merged = registered(ST_MARYS, "urn:st-marys-hospital:mrn", stMarysMrn, "Ines", "Garcia-Lopez");
        Patient survivorBefore = parse(read(survivor));
        Patient mergedBefore = parse(read(merged));

        Response answer = merge(survivor, merged, "same patient, registered twice");

        answer.then()
                .statusCode(200)
                .header("X-ChartStream-Position", startsWith("patient-service/"))
                .body("survivorPersonId", equalTo(survivor))
                .body("mergedPersonId", equalTo(merged));
        Patient mergedNow = parse(read(merged));
        assertFalse(mergedNow.getActive(), "a merged person is no longer active");
        assertEquals(Patient.LinkType.REPLACEDBY, mergedNow.getLinkFirstRep().getType());
        assertEquals(
                "Patient/" + survivor, mergedNow.getLinkFirstRep().getOther().getReference());
        Patient survivorNow = parse(read(survivor));
        assertEquals(Patient.LinkType.REPLACES, survivorNow.getLinkFirstRep().getType());
        assertEquals(
                "Patient/" + merged, survivorNow.getLinkFirstRep().getOther().getReference());
        assertEquals(
                PatientContracts.PERSONS_MERGED.typeName(),
                events.typesOf(merged).getLast());
        assertEquals(
                PatientContracts.PERSONS_MERGED.typeName(),
                events.typesOf(survivor).getLast());
        PersonsMergedV1 onSurvivor = ContractJson.read(PatientContracts.PERSONS_MERGED, events.dataOf(survivor, 2));
        assertEquals(survivor, onSurvivor.personId().toString());
        assertEquals(merged, onSurvivor.mergedPersonId().toString());

        // a registration naming the merged person, plain or conditional, is answered as the survivor
        register(ST_MARYS, patient("urn:st-marys-hospital:mrn", stMarysMrn, "Ines", "Garcia-Lopez", "1966-01-30"))
                .then()
                .statusCode(200)
                .body("id", equalTo(survivor));
        PatientApi.as(ST_MARYS)
                .header(ActingParty.ASSIGNING_AUTHORITIES_HEADER, "urn:st-marys-hospital:mrn")
                .header("If-None-Exist", "identifier=urn:st-marys-hospital:mrn|" + stMarysMrn)
                .contentType(PatientApi.FHIR_JSON)
                .body(PatientApi.json(
                        patient("urn:st-marys-hospital:mrn", stMarysMrn, "Ines", "Garcia-Lopez", "1966-01-30")))
                .post("/fhir/Patient")
                .then()
                .statusCode(200)
                .body("id", equalTo(survivor));
        // a second St Mary's MRN registered with the first goes to the person St Mary's named
        String secondMrn = unique("SM2");
        Patient withTwo = patient("urn:st-marys-hospital:mrn", stMarysMrn, "Ines", "Garcia-Lopez", "1966-01-30");
        withTwo.addIdentifier().setSystem("urn:st-marys-hospital:mrn").setValue(secondMrn);
        register(ST_MARYS, withTwo).then().statusCode(201).body("id", equalTo(survivor));
        assertEquals(
                PatientContracts.IDENTIFIER_LINKED.typeName(),
                events.typesOf(merged).getLast(),
                "the merged person's stream takes it: an unmerge leaves it with St Mary's patient");

        unmerge(merged, "two patients after all").then().statusCode(200).body("survivorPersonId", equalTo(survivor));

        PersonsUnmergedV1 undone = ContractJson.read(PatientContracts.PERSONS_UNMERGED, events.dataOf(survivor, 3));
        assertEquals(onSurvivor.mergeId(), undone.mergeId());
        Patient mergedAfter = parse(read(merged));
        Patient survivorAfter = parse(read(survivor));
        assertTrue(mergedAfter.getLink().isEmpty());
        assertTrue(survivorAfter.getLink().isEmpty());
        assertEquals(mergedBefore.getActive(), mergedAfter.getActive());
        assertEquals(
                survivorBefore.getIdentifier().size(),
                survivorAfter.getIdentifier().size());
        assertEquals(
                List.of(stMarysMrn, secondMrn),
                mergedAfter.getIdentifier().stream().map(i -> i.getValue()).toList());
        register(ST_MARYS, patient("urn:st-marys-hospital:mrn", stMarysMrn, "Ines", "Garcia-Lopez", "1966-01-30"))
                .then()
                .statusCode(200)
                .body("id", equalTo(merged));
    }

    @Test
    void aMergedPersonIsNotMergedAgainNorUnmergedTwice() {
        String survivor = registered(RIVERSIDE, "urn:riverside-clinic:mrn", unique("R"), "Tomas", "Berg");
        String merged = registered(ST_MARYS, "urn:st-marys-hospital:mrn", unique("SM"), "Tomas", "Bergh");
        String third = registered(ST_MARYS, "urn:st-marys-hospital:mrn", unique("SM"), "Tomas", "Bergström");

        merge(survivor, merged, "duplicate").then().statusCode(200);
        // the same merge again changes nothing and says so by writing nothing
        merge(survivor, merged, "duplicate").then().statusCode(200).header("X-ChartStream-Position", (String) null);
        merge(third, merged, "another")
                .then()
                .statusCode(409)
                .body("issue[0].diagnostics", containsString("merged into " + survivor));
        merge(merged, third, "another").then().statusCode(409);
        merge(survivor, survivor, "itself").then().statusCode(409);
        merge(survivor, "00000000-0000-4000-8000-00000000dead", "unknown")
                .then()
                .statusCode(404);
        unmerge(merged, "separate").then().statusCode(200);
        unmerge(merged, "separate").then().statusCode(409);
    }

    @Test
    void badRequestsAndOtherRolesAreRefused() {
        given().auth()
                .oauth2(gatewayToken())
                .contentType("application/json")
                .body(Map.of("survivorPersonId", "nope", "mergedPersonId", "nope", "reason", "x"))
                .post("/person-merges")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
        given().auth()
                .oauth2(gatewayToken())
                .contentType("application/json")
                .body(Map.of(
                        "survivorPersonId", "00000000-0000-4000-8000-000000000001",
                        "mergedPersonId", "00000000-0000-4000-8000-000000000002"))
                .post("/person-merges")
                .then()
                .statusCode(400)
                .body("issue[0].diagnostics", containsString("reason"));
        given().auth()
                .oauth2(TestTokens.withRoles("dr.chen", "clinician"))
                .contentType("application/json")
                .body(Map.of("mergedPersonId", "00000000-0000-4000-8000-000000000002", "reason", "x"))
                .post("/person-merges/unmerge")
                .then()
                .statusCode(401);
    }
}
