package io.chartstream.system;

import io.chartstream.contracts.Topics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TopicReader;
import io.restassured.response.Response;
import org.awaitility.core.ConditionTimeoutException;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton over HTTP with real Keycloak tokens: a clinic writes, the hospital that
 * shares the patient sees it in its view, its webhook receiver gets a signed notification, the
 * patient sees her record in the portal, and everyone else is refused.
 */
class WalkingSkeletonSystemTest {

    private static final String CLINIC_MRN_SYSTEM = Fhir.RIVERSIDE_MRN;
    private static final String HOSPITAL_MRN_SYSTEM = Fhir.ST_MARYS_MRN;

    private static String personId;
    private static String observationId;
    private static long hospitalSawItAfterMillis;

    @BeforeAll
    static void aClinicAndAHospitalShareAPatientAndTheClinicRecordsALab() {
        RunningExchange.ensureUp();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String family = "Skeleton" + run;
        Response atClinic = Fhir.post(
                Tokens.system("riverside-clinic"),
                "Patient",
                Fhir.patient(CLINIC_MRN_SYSTEM, "RC-" + run, family, "Maria", "1975-06-01"),
                null);
        assertEquals(201, atClinic.statusCode(), atClinic.asString());
        personId = Fhir.createdId(atClinic);
        Response atHospital = Fhir.post(
                Tokens.system("st-marys-hospital"),
                "Patient",
                Fhir.patient(HOSPITAL_MRN_SYSTEM, "SMH-" + run, family, "Maria", "1975-06-01"),
                null);
        assertTrue(atHospital.statusCode() < 300, atHospital.asString());
        assertEquals(personId, Fhir.createdId(atHospital), "the hospital's registration links to the same person");

        Response written =
                Fhir.post(Tokens.system("riverside-clinic"), "Observation", Fhir.glucose(personId, 187.3), null);
        assertEquals(201, written.statusCode(), written.asString());
        observationId = Fhir.createdId(written);
        long writtenAt = System.nanoTime();
        String hospital = Tokens.user("dr.chen");
        try {
            Eventually.within(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50)) // it measures the latency too
                    .until(() -> {
                        Response view = Fhir.everything(hospital, personId);
                        return view.statusCode() == 200 && view.asString().contains(observationId);
                    });
            hospitalSawItAfterMillis = (System.nanoTime() - writtenAt) / 1_000_000;
        } catch (ConditionTimeoutException notWithinTenSeconds) {
            hospitalSawItAfterMillis = Long.MAX_VALUE;
        }
    }

    @Test
    void theHospitalSeesTheClinicsObservationInItsViewWithinTwoSeconds() {
        assertTrue(hospitalSawItAfterMillis <= 2_000, "the hospital saw it after " + hospitalSawItAfterMillis + " ms");
        Bundle everything = Fhir.bundle(Fhir.everything(Tokens.user("dr.chen"), personId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertTrue(everything.getEntry().stream()
                .anyMatch(e -> e.getResource().getIdElement().getIdPart().equals(observationId)));
        assertTrue(everything.getEntry().stream()
                .anyMatch(e -> e.getResource().getIdElement().getIdPart().equals(personId)));
    }

    @Test
    void theHospitalsWebhookReceiverGetsACorrectlySignedNotification() {
        String received = Eventually.get(
                Duration.ofSeconds(20),
                () -> given().when().get(RunningExchange.WEBHOOK_RECEIVER + "/").asString(),
                page -> page.lines().anyMatch(l -> l.contains(observationId)));
        List<String> notifications =
                received.lines().filter(l -> l.contains(observationId)).toList();
        assertFalse(notifications.isEmpty(), "no notification about " + observationId + " in:\n" + received);
        assertTrue(
                notifications.stream().allMatch(l -> l.contains("VALID signature") && !l.contains("INVALID")),
                notifications.toString());
    }

    @Test
    void aClinicianOfAnOrganizationWithoutACareRelationshipIsRefused() {
        Response refused = Fhir.everything(Tokens.user("dr.novak"), personId);
        assertEquals(404, refused.statusCode(), "the answer of an unknown person");
        assertEquals("OperationOutcome", refused.jsonPath().getString("resourceType"));
        assertFalse(refused.asString().contains(observationId));
    }

    @Test
    void aCallWithoutATokenIsUnauthorized() {
        assertEquals(401, Fhir.everything(null, personId).statusCode());
    }

    @Test
    void aPatientTokenCannotReadAnotherPersonsRecord() {
        String alice = Tokens.user("alice");
        assertEquals(403, Fhir.everything(alice, personId).statusCode());
        String record = given().auth()
                .oauth2(alice)
                .when()
                .get(RunningExchange.PORTAL + "/api/record")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(record.contains("187.3"), "alice's portal record shows another person's lab");
    }

    @Test
    void aliceSeesHerObservationWithItsValueAndUnitInThePortal() {
        String record = given().auth()
                .oauth2(Tokens.user("alice"))
                .when()
                .get(RunningExchange.PORTAL + "/api/record")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(record.contains("132") && record.contains("mg/dL"), record);
        assertTrue(record.contains("Anderson"), record);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyCreatesNothingNew() {
        String key = "retry-" + UUID.randomUUID();
        String clinic = Tokens.system("riverside-clinic");
        var observation = Fhir.glucose(personId, 101); // the same request, sent twice
        Response first = Fhir.post(clinic, "Observation", observation, key);
        Response retry = Fhir.post(clinic, "Observation", observation, key);
        assertEquals(201, first.statusCode(), first.asString());
        assertEquals(first.statusCode(), retry.statusCode());
        assertEquals(Fhir.createdId(first), Fhir.createdId(retry));
        long copies = Fhir.bundle(
                        Fhir.everything(Tokens.user("dr.rivera"), personId).asString())
                .getEntry()
                .stream()
                .filter(e -> e.getResource().getIdElement().getIdPart().equals(Fhir.createdId(first)))
                .count();
        assertEquals(1, copies);
        Response changed = Fhir.post(clinic, "Observation", Fhir.glucose(personId, 102), key);
        assertEquals(422, changed.statusCode(), "the same key with another body is refused");
    }

    @Test
    void everyReadThroughTheGatewayIsAnAuditEventOnTheSiemTopic() {
        Fhir.everything(Tokens.user("dr.chen"), personId).then().statusCode(200);
        var disclosed = TopicReader.await(
                RunningExchange.KAFKA,
                Topics.AUDIT_EVENTS,
                r -> personId.equals(r.key())
                        && TopicReader.value(r).contains("\"dr.chen\"")
                        && TopicReader.value(r).contains("Organization/st-marys-hospital")
                        && TopicReader.value(r).contains("Patient/$everything"),
                1,
                Duration.ofSeconds(20));
        assertFalse(disclosed.isEmpty(), "no AuditEvent for dr.chen's read of " + personId);
    }

    @Test
    void theHospitalSearchesObservationsByPatientInItsView() {
        given().auth()
                .oauth2(Tokens.user("dr.chen"))
                .when()
                .get(RunningExchange.GATEWAY + "/fhir/Observation?patient=" + personId)
                .then()
                .statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body(org.hamcrest.Matchers.containsString(observationId));
    }
}
