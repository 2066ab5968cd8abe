package io.chartstream.system;

import io.chartstream.contracts.Topics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TopicReader;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Merge and unmerge of two persons on the launched exchange (issue 12 part 3, decisions §21): the
 * clinic's patient and the hospital's are one person for an administrator; each organization then
 * sees the other's entry under the survivor and the hospital's feed says which id replaced which;
 * the unmerge takes it back.
 */
class PersonMergeSystemTest {

    private static final String GW = RunningExchange.GATEWAY;

    private static String run;
    private static String rivera;
    private static String chen;
    private static String admin;

    @BeforeAll
    static void tokens() {
        RunningExchange.ensureUp();
        run = UUID.randomUUID().toString().substring(0, 8);
        rivera = Tokens.user("dr.rivera");
        chen = Tokens.user("dr.chen");
        admin = Tokens.user("admin");
    }

    @Test
    void aMergeJoinsBothRecordsForBothOrganizationsAndAnUnmergeSeparatesThemAgain() {
        String survivor = registered(
                rivera, Fhir.patient(Fhir.RIVERSIDE_MRN, "RC-M" + run, "Merger" + run, "Marguerite", "1958-04-02"));
        String merged =
                registered(chen, Fhir.lookAlike(Fhir.ST_MARYS_MRN, "SM-M" + run, "Duval" + run, "Odile", "1958-02-04"));
        String atClinic = Fhir.createdId(Fhir.post(rivera, "Observation", Fhir.glucose(survivor, 101), null));
        String atHospital = Fhir.createdId(Fhir.post(chen, "Observation", Fhir.glucose(merged, 131), null));
        Eventually.assertThat(
                () -> assertTrue(Fhir.everything(chen, merged).asString().contains(atHospital)));

        Response merge = adminPost(
                "/admin/person-merges",
                Map.of("survivorPersonId", survivor, "mergedPersonId", merged, "reason", "one patient " + run));
        assertEquals(200, merge.statusCode(), merge.asString());

        Eventually.assertThat(Duration.ofSeconds(20), () -> {
            String hospitalView = Fhir.everything(chen, survivor).asString();
            assertTrue(hospitalView.contains(atClinic), "the hospital sees the clinic's entry: " + hospitalView);
            assertTrue(
                    Fhir.everything(rivera, survivor).asString().contains(atHospital), "and the clinic the hospital's");
        });
        String replaced = TopicReader.value(TopicReader.await(
                        RunningExchange.KAFKA,
                        Topics.feedOf("st-marys-hospital"),
                        r -> TopicReader.value(r).contains("\"replaces\"")
                                && TopicReader.value(r).contains("Patient/" + merged),
                        1,
                        Duration.ofSeconds(20))
                .get(0));
        assertTrue(replaced.contains(survivor), "the survivor's Patient replaces the merged one: " + replaced);

        Response unmerge =
                adminPost("/admin/person-merges/unmerge", Map.of("mergedPersonId", merged, "reason", "not one " + run));
        assertEquals(200, unmerge.statusCode(), unmerge.asString());

        Eventually.assertThat(Duration.ofSeconds(20), () -> {
            assertEquals(
                    404, Fhir.everything(chen, survivor).statusCode(), "the hospital's basis was the merged person");
            assertFalse(Fhir.everything(rivera, survivor).asString().contains(atHospital));
        });
        assertTrue(Fhir.everything(chen, merged).asString().contains(atHospital), "the hospital's own patient again");
    }

    private static String registered(String token, org.hl7.fhir.r4.model.Patient patient) {
        Response registered = Fhir.post(token, "Patient", patient, null);
        assertEquals(201, registered.statusCode(), registered.asString());
        return Fhir.createdId(registered);
    }

    private static Response adminPost(String path, Map<String, String> body) {
        return given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(body)
                .post(GW + path);
    }
}
