package io.chartstream.system;

import io.chartstream.contracts.exchange.RemovalReason;
import io.chartstream.testsupport.Eventually;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entered in error, end to end: a clinic records an Observation that the hospital sharing the
 * patient sees, the clinic DELETEs it through the gateway, and within seconds it is gone from the
 * hospital's view ($everything, search, read) and the hospital's webhook receiver got a
 * notification that says it was entered in error. The hospital cannot delete the clinic's entry.
 */
class EnteredInErrorSystemTest {

    private static String personId;
    private static String observationId;

    @BeforeAll
    static void aClinicAndAHospitalShareAPatientAndTheHospitalSeesTheClinicsLab() {
        RunningExchange.ensureUp();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String family = "Retracted" + run;
        Response atClinic = Fhir.post(
                Tokens.system("riverside-clinic"),
                "Patient",
                Fhir.patient(Fhir.RIVERSIDE_MRN, "RC-" + run, family, "Ines", "1981-02-03"),
                null);
        assertEquals(201, atClinic.statusCode(), atClinic.asString());
        personId = Fhir.createdId(atClinic);
        Response atHospital = Fhir.post(
                Tokens.system("st-marys-hospital"),
                "Patient",
                Fhir.patient(Fhir.ST_MARYS_MRN, "SMH-" + run, family, "Ines", "1981-02-03"),
                null);
        assertTrue(atHospital.statusCode() < 300, atHospital.asString());
        assertEquals(personId, Fhir.createdId(atHospital), "the hospital's registration links to the same person");

        Response written =
                Fhir.post(Tokens.system("riverside-clinic"), "Observation", Fhir.glucose(personId, 412.0), null);
        assertEquals(201, written.statusCode(), written.asString());
        observationId = Fhir.createdId(written);
        Eventually.within(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Fhir.everything(Tokens.user("dr.chen"), personId)
                        .asString()
                        .contains(observationId));
    }

    @Test
    void theClinicsDeleteTakesTheEntryOutOfTheHospitalsViewAndItsWebhookIsToldWhy() {
        Response refused = delete(Tokens.system("st-marys-hospital"), null);
        assertEquals(
                403, refused.statusCode(), "only the recording organization withdraws an entry: " + refused.asString());

        Response deleted =
                delete(Tokens.system("riverside-clinic"), UUID.randomUUID().toString());
        assertEquals(200, deleted.statusCode(), deleted.asString());
        assertEquals("entered-in-error", deleted.jsonPath().getString("status"));
        Response again = delete(Tokens.system("riverside-clinic"), null);
        assertEquals(200, again.statusCode(), "a second DELETE succeeds: " + again.asString());

        String hospital = Tokens.user("dr.chen");
        Eventually.within(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Response view = Fhir.everything(hospital, personId);
                    return view.statusCode() == 200 && !view.asString().contains(observationId);
                });
        Response search = given().auth()
                .oauth2(hospital)
                .when()
                .get(RunningExchange.GATEWAY + "/fhir/Observation?patient=" + personId);
        assertEquals(200, search.statusCode());
        assertFalse(search.asString().contains(observationId), search.asString());
        int read = given().auth()
                .oauth2(hospital)
                .when()
                .get(RunningExchange.GATEWAY + "/fhir/Observation/" + observationId)
                .statusCode();
        assertTrue(read == 404 || read == 410, "read of the withdrawn entry answered " + read);

        String received = Eventually.get(
                Duration.ofSeconds(20),
                () -> given().when().get(RunningExchange.WEBHOOK_RECEIVER + "/").asString(),
                page -> page.lines().anyMatch(EnteredInErrorSystemTest::isWithdrawalNotification));
        List<String> withdrawals = received.lines()
                .filter(EnteredInErrorSystemTest::isWithdrawalNotification)
                .toList();
        assertEquals(1, withdrawals.size(), "one notification of the withdrawal:\n" + withdrawals);
        assertTrue(withdrawals.get(0).contains(" VALID signature"), withdrawals.get(0));
        assertTrue(withdrawals.get(0).contains(RemovalReason.ENTERED_IN_ERROR), withdrawals.get(0));
        assertFalse(
                withdrawals.get(0).contains("valueQuantity"),
                "no clinical content in the withdrawal: " + withdrawals.get(0));
    }

    /** A notification line whose DELETE entry is about the observation (the receiver journals bodies on one line). */
    private static boolean isWithdrawalNotification(String line) {
        return line.contains("\"method\":\"DELETE\",\"url\":\"Observation/" + observationId + "\"");
    }

    private static Response delete(String token, String idempotencyKey) {
        var request = given().auth().oauth2(token);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().delete(RunningExchange.GATEWAY + "/fhir/Observation/" + observationId);
    }
}
