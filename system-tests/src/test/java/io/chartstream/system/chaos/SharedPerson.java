package io.chartstream.system.chaos;

import io.chartstream.system.Fhir;
import org.hl7.fhir.r4.model.Patient;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person of this fault alone, registered by the clinic and by the hospital with the same
 * details (a certain match), so that the hospital's view follows the clinic's writes; ready when
 * the hospital can read the person and the clinic can write for them. Retried: the previous fault
 * may still be settling.
 */
final class SharedPerson {

    private static final Pattern PATIENT_ID = Pattern.compile("Patient/([0-9a-f-]{36})");
    private static final Pattern BODY_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Duration WITHIN = Duration.ofMinutes(3);

    private SharedPerson() {}

    static String register(ChaosHttp http, OrgToken clinic, OrgToken hospital, String run) throws InterruptedException {
        Patient atClinic = Fhir.patient(Fhir.RIVERSIDE_MRN, "RC-X" + run, "Chaos" + run, "Ines", "1971-04-05");
        Patient atHospital = Fhir.patient(Fhir.ST_MARYS_MRN, "SMH-X" + run, "Chaos" + run, "Ines", "1971-04-05");
        String personId = create(http, clinic, atClinic, "patient-" + run + "-clinic");
        String same = create(http, hospital, atHospital, "patient-" + run + "-hospital");
        if (!personId.equals(same)) {
            throw new AssertionError("the hospital's registration did not match the clinic's person " + personId
                    + " (got " + same + ")");
        }
        Instant deadline = Instant.now().plus(WITHIN);
        while (http.get(0, hospital.get(), "/fhir/Patient/" + personId + "/$everything")
                        .status()
                != 200) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the hospital cannot read person " + personId + " within " + WITHIN);
            }
            Thread.sleep(250);
        }
        // clinical-service learns of the person from the patient events on its own; until then a
        // write for them is 422, which the load would take as a refusal (and the gateway keeps a
        // 422 for its key: each probe has a key of its own)
        String probe = Fhir.json(Fhir.glucose(personId, 90));
        int attempt = 0;
        while (!written(http.create(0, clinic.get(), "Observation", probe, "probe-" + run + "-" + attempt++))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the clinic cannot write for person " + personId + " within " + WITHIN);
            }
            Thread.sleep(250);
        }
        return personId;
    }

    private static boolean written(ChaosHttp.Answer answer) {
        return answer.status() / 100 == 2;
    }

    private static String create(ChaosHttp http, OrgToken org, Patient patient, String key)
            throws InterruptedException {
        String body = Fhir.json(patient);
        Instant deadline = Instant.now().plus(WITHIN);
        while (true) {
            ChaosHttp.Answer a = http.create(0, org.get(), "Patient", body, key);
            if (a.status() / 100 == 2) {
                Matcher m = PATIENT_ID.matcher(a.location() != null ? a.location() : "");
                if (m.find()) {
                    return m.group(1);
                }
                Matcher id = BODY_ID.matcher(a.body());
                if (id.find()) {
                    return id.group(1);
                }
                throw new AssertionError("no id in " + a.body());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("registering a patient: " + a.describe() + " " + a.body());
            }
            Thread.sleep(500);
        }
    }
}
