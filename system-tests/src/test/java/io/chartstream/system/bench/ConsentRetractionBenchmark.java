package io.chartstream.system.bench;

import io.chartstream.contracts.clinical.SecurityLabels;
import io.chartstream.fhir.consent.PrivacyConsents;
import io.chartstream.fhir.consent.SharingChoices;
import io.chartstream.system.Fhir;
import io.chartstream.system.RunningExchange;
import io.chartstream.system.Tokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * Consent change → view retracted, over the running exchange ({@code ./chartstream up}). For each
 * of N persons (registered at riverside-clinic and, a certain match, at st-marys-hospital, with a
 * depression Condition the clinic recorded, labelled PSY at ingest), the clinic records on the
 * patient's behalf a Consent withholding mental health; the clock runs from the Consent's 201 to
 * the first st-marys-hospital {@code $everything} (polled every 5 ms, no read-your-writes header)
 * that no longer holds the Condition. The goal: p99 ≤ 2 s.
 *
 * <pre>mvn -B -q -pl system-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.chartstream.system.bench.ConsentRetractionBenchmark -Dexec.args="200"</pre>
 */
public final class ConsentRetractionBenchmark {

    private static final String GW = RunningExchange.GATEWAY + "/fhir";

    private ConsentRetractionBenchmark() {}

    public static void main(String[] args) throws Exception {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        RunningExchange.ensureUp();
        System.out.printf(
                "load average %.2f at start%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String clinic = Tokens.system("riverside-clinic");
        String hospital = Tokens.system("st-marys-hospital");
        String run = UUID.randomUUID().toString().substring(0, 8);
        long[] millis = new long[persons];
        int timedOut = 0;
        for (int i = 0; i < persons; i++) {
            String family = "Consent" + run + "x" + i;
            String person = Fhir.createdId(Fhir.post(
                    clinic,
                    "Patient",
                    Fhir.patient(Fhir.RIVERSIDE_MRN, "CB-" + run + i, family, "Eli", "1977-07-07"),
                    null));
            Fhir.post(
                    hospital,
                    "Patient",
                    Fhir.patient(Fhir.ST_MARYS_MRN, "CB-" + run + i, family, "Eli", "1977-07-07"),
                    null);
            Response written = Fhir.post(clinic, "Condition", depression(person), null);
            String conditionId = written.jsonPath().getString("id");
            String after = written.header("X-ChartStream-Position");
            while (!everything(hospital, person, after).contains(conditionId)) {
                Thread.sleep(5); // the hospital's view holds the Condition before the consent changes
            }

            Response consent = RestAssured.given()
                    .auth()
                    .oauth2(clinic)
                    .contentType("application/fhir+json")
                    .body(Fhir.json(PrivacyConsents.toFhir(
                            UUID.fromString(person),
                            new SharingChoices(false, Set.of(), Set.of(SecurityLabels.MENTAL_HEALTH), Set.of()),
                            new Date())))
                    .post(GW + "/Consent");
            long start = System.nanoTime();
            if (consent.statusCode() != 201) {
                throw new IllegalStateException("consent refused: " + consent.asString());
            }
            long deadline = start + 30_000_000_000L;
            while (everything(hospital, person, null).contains(conditionId)) {
                if (System.nanoTime() > deadline) {
                    timedOut++;
                    break;
                }
                Thread.sleep(5);
            }
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf(
                "%d consent changes (%d not retracted within 30 s): consent → view retracted p50 %d ms, p95 %d ms,"
                        + " p99 %d ms, max %d ms%n",
                persons, timedOut, pct(millis, 50), pct(millis, 95), pct(millis, 99), millis[millis.length - 1]);
        System.out.printf(
                "load average %.2f at end%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0);
    }

    private static String everything(String token, String person, String after) {
        var request = RestAssured.given().auth().oauth2(token);
        if (after != null) {
            request.header("X-ChartStream-After", after);
        }
        return request.get(GW + "/Patient/" + person + "/$everything").asString();
    }

    private static Condition depression(String person) {
        Condition c = new Condition();
        c.setSubject(new Reference("Patient/" + person));
        c.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10-cm", "F32.9", "Depression")));
        c.getClinicalStatus()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/condition-clinical")
                .setCode("active");
        return c;
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
