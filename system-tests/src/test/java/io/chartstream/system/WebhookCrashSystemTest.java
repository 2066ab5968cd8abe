package io.chartstream.system;

import io.chartstream.testsupport.Eventually;
import io.restassured.response.Response;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Never dropped", with the real processes: the hospital's webhook receiver is down while a clinic
 * writes, then the exchange-service is killed with SIGKILL while those notifications are still
 * pending. {@code ./chartstream up} heals both, and every notification arrives, correctly signed,
 * in the order of the writes.
 */
class WebhookCrashSystemTest {

    private static final Pattern EVENT_NUMBER = Pattern.compile("\"name\":\"event-number\",\"valueString\":\"(\\d+)\"");
    private static final int WRITES = 8;

    @Test
    void notificationsPendingWhileTheReceiverIsDownSurviveAKilledExchange() throws Exception {
        RunningExchange.ensureUp();
        String personId = sharedPerson();

        kill("webhook-receiver");
        List<String> observations = new ArrayList<>();
        String clinic = Tokens.system("riverside-clinic");
        for (int i = 0; i < WRITES; i++) {
            Response written = Fhir.post(clinic, "Observation", Fhir.glucose(personId, 100 + i), null);
            assertEquals(201, written.statusCode(), written.asString());
            observations.add(Fhir.createdId(written));
        }
        awaitInHospitalView(personId, observations);

        kill("exchange");
        RunningExchange.heal();

        Map<String, Long> numbers = awaitDelivered(observations);
        List<Long> inWriteOrder = observations.stream().map(numbers::get).toList();
        for (int i = 1; i < inWriteOrder.size(); i++) {
            assertTrue(
                    inWriteOrder.get(i) > inWriteOrder.get(i - 1), "event numbers follow the writes: " + inWriteOrder);
        }
    }

    /** A person registered at the clinic and at the hospital, so the hospital's view follows the clinic's writes. */
    private static String sharedPerson() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Response atClinic = Fhir.post(
                Tokens.system("riverside-clinic"),
                "Patient",
                Fhir.patient(Fhir.RIVERSIDE_MRN, "RC-C" + run, "Crash" + run, "Ines", "1968-02-03"),
                null);
        assertEquals(201, atClinic.statusCode(), atClinic.asString());
        String personId = Fhir.createdId(atClinic);
        Response atHospital = Fhir.post(
                Tokens.system("st-marys-hospital"),
                "Patient",
                Fhir.patient(Fhir.ST_MARYS_MRN, "SMH-C" + run, "Crash" + run, "Ines", "1968-02-03"),
                null);
        assertTrue(atHospital.statusCode() < 300, atHospital.asString());
        assertEquals(personId, Fhir.createdId(atHospital));
        return personId;
    }

    /** Once the hospital's view holds every write, each one's notification is committed and waiting for delivery. */
    private static void awaitInHospitalView(String personId, List<String> observations) {
        String hospital = Tokens.user("dr.chen");
        try {
            Eventually.get(
                    Duration.ofSeconds(30),
                    () -> Fhir.everything(hospital, personId).asString(),
                    view -> observations.stream().allMatch(view::contains));
        } catch (ConditionTimeoutException e) {
            String view = Fhir.everything(hospital, personId).asString();
            throw new AssertionError("the hospital's view lacks some of " + observations + ":\n" + view, e);
        }
    }

    /** Waits until every observation's notification is on the receiver's page; returns each one's event number. */
    private static Map<String, Long> awaitDelivered(List<String> observations) {
        String page;
        try {
            page = Eventually.within(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions() // the receiver is not back yet
                    .until(
                            () -> given().when()
                                    .get(RunningExchange.WEBHOOK_RECEIVER + "/")
                                    .asString(),
                            received -> observations.stream().allMatch(o -> received.contains("Observation/" + o)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not every one of " + observations + " was delivered within 120 s", e);
        }
        Map<String, Long> numbers = new LinkedHashMap<>();
        for (String line : page.lines().toList()) {
            for (String observation : observations) {
                if (line.contains("Observation/" + observation) && !numbers.containsKey(observation)) {
                    assertTrue(line.contains(" VALID signature"), "a correctly signed notification: " + line);
                    numbers.put(observation, eventNumber(line));
                }
            }
        }
        return numbers;
    }

    private static long eventNumber(String line) {
        Matcher m = EVENT_NUMBER.matcher(line);
        assertTrue(m.find(), "an event number in " + line);
        return Long.parseLong(m.group(1));
    }

    /** SIGKILL of a part the launcher started, by the pid it recorded; waits until the process is gone. */
    private static void kill(String part) throws Exception {
        Path pidFile = RunningExchange.home().resolve(".chartstream/run/" + part + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle process =
                ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(part + " (pid " + pid + ") is not running"));
        assertTrue(process.destroyForcibly(), "SIGKILL to " + part);
        process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
}
