package io.chartstream.exchange.read.web;

import io.chartstream.exchange.read.application.RecordReads;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.chartstream.exchange.support.AuditSearch.audit;
import static io.chartstream.exchange.support.RecordEvents.observationRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Read-your-writes and the disclosure audit of gateway reads. */
@QuarkusTest
class GatewayReadsTest {

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    @Inject
    RecordReads reads;

    /** The test profile allows 3 waiters (chartstream.read-your-writes.max-waiters). */
    @Test
    void readsWaitingForTheViewsAreCappedAndTheNextIsRefusedAtOnce() throws Exception {
        String token = TestTokens.clinician("dr.rivera", "riverside-" + UUID.randomUUID());
        var pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(
                        pool.submit(() -> readAfterAPositionNeverReached(token).statusCode()));
            }
            Eventually.within(Duration.ofSeconds(2))
                    .alias("three reads waiting")
                    .until(() -> reads.waiting() == 3);
            long started = System.nanoTime();
            readAfterAPositionNeverReached(token)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "1")
                    .body("issue[0].diagnostics", containsString("too many reads are waiting"));
            assertTrue((System.nanoTime() - started) / 1_000_000 < 1_500, "refused at once, not after waiting");
            for (var w : waiting) {
                assertEquals(503, w.get(), "the waiting ones time out as before");
            }
            assertEquals(0, reads.waiting(), "every waiter released");
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response readAfterAPositionNeverReached(String token) {
        return given().auth()
                .oauth2(token)
                .header("X-ChartStream-After", "clinical-service/999999999")
                .when()
                .get("/fhir/Patient/{id}/$everything", UUID.randomUUID());
    }

    @Test
    void readAfterAPositionThatNeverArrivesAnswers503WithRetryAfter() {
        String org = "riverside-" + UUID.randomUUID();
        long started = System.nanoTime();
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", org))
                .header("X-ChartStream-After", "clinical-service/999999999")
                .when()
                .get("/fhir/Patient/{id}/$everything", UUID.randomUUID())
                .then()
                .statusCode(503)
                .header("Retry-After", "1")
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("transient"));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMillis >= 2_000, "waited only " + waitedMillis + " ms");
    }

    @Test
    void operationIsReachedWithALiteralDollarAsWellAsPercentEncoded() throws Exception {
        // REST Assured sends %24everything everywhere else in these tests; FHIR clients usually send $everything.
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        base.resolve("fhir/Patient/" + UUID.randomUUID() + "/$everything"))
                                .header(
                                        "Authorization",
                                        "Bearer " + TestTokens.clinician("dr.rivera", "riverside-clinic"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode(), response.body());
        assertTrue(response.body().contains("no active care relationship"), response.body());
    }

    @Test
    void malformedPositionIsABadRequest() {
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .header("X-ChartStream-After", "42")
                .when()
                .get("/fhir/Patient/{id}/$everything", UUID.randomUUID())
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    /** $everything and the search come in pages (_count, at most 500) with next links, keyset-stable. */
    @Test
    void everythingComesInPagesWithNextLinksThatSurviveANewEntry() throws Exception {
        String org = "riverside-" + UUID.randomUUID().toString().substring(0, 8);
        UUID person = UUID.randomUUID();
        publish(patientRegistered(person, org, "MRN-P"));
        String last = null;
        for (int i = 0; i < 4; i++) {
            last = publish(observationRecorded(person, org, UUID.randomUUID(), 5.0 + i));
        }
        String token = TestTokens.clinician("dr.chen", org);
        var first = given().auth()
                .oauth2(token)
                .header("X-ChartStream-After", last)
                .when()
                .get("/fhir/Patient/{id}/$everything?_count=2", person)
                .then()
                .statusCode(200)
                .body("total", equalTo(5))
                .body("entry.size()", equalTo(2))
                .body("entry[0].resource.resourceType", equalTo("Patient"))
                .extract()
                .jsonPath();
        String next = first.getString("link.find { it.relation == 'next' }.url");
        assertTrue(next.contains("_count=2") && next.contains("_cursor=Observation"), next);

        // an entry written meanwhile does not shift what the next pages hold
        String added =
                publish(observationRecorded(person, org, UUID.fromString("00000000-0000-4000-8000-000000000000"), 9.9));
        List<String> seen = new ArrayList<>(first.getList("entry.resource.id"));
        String url = next;
        while (url != null) {
            var page = given().urlEncodingEnabled(false) // the next link is already encoded
                    .auth()
                    .oauth2(token)
                    .header("X-ChartStream-After", added)
                    .when()
                    .get(url.substring(url.indexOf("/fhir/")))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("entry.resource.id"));
            url = page.getString("link.find { it.relation == 'next' }.url");
        }
        assertEquals(5, seen.size(), "the patient and the four observations, each once: " + seen);
        assertEquals(5, new HashSet<>(seen).size());

        given().auth()
                .oauth2(token)
                .when()
                .get("/fhir/Patient/{id}/$everything?_count=100000", person)
                .then()
                .statusCode(200)
                .body("link.find { it.relation == 'self' }.url", containsString("_count=500"));
        given().auth()
                .oauth2(token)
                .when()
                .get("/fhir/Patient/{id}/$everything?_count=none", person)
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Inject
    DataSource dataSource;

    /** Issue 9: when the disclosure cannot be recorded the read is refused (503), never served unaudited. */
    @Test
    void aReadWhoseDisclosureCannotBeRecordedIsRefusedWith503AndDisclosesNothing() throws Exception {
        String org = "riverside-" + UUID.randomUUID().toString().substring(0, 8);
        UUID person = UUID.randomUUID();
        String registered = publish(patientRegistered(person, org, "MRN-F"));
        String token = TestTokens.clinician("dr.chen", org);
        String function = "refuse_" + person.toString().replace('-', '_');
        try (var c = dataSource.getConnection();
                var s = c.createStatement()) {
            // the audit store refuses this person's disclosures only, as a full disk or a broken
            // constraint would; every other read in the JVM goes on
            s.execute("create function " + function + "() returns trigger language plpgsql as $$ begin"
                    + " if new.patient = '" + person
                    + "' and 'Patient/$everything' = any(new.entities) then raise exception 'audit store refuses';"
                    + " end if; return new; end $$");
            s.execute("create trigger " + function + " before insert on audit.audit_log for each row execute function "
                    + function + "()");
        }
        try {
            given().auth()
                    .oauth2(token)
                    .header("X-ChartStream-After", registered)
                    .when()
                    .get("/fhir/Patient/{id}/$everything", person)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "1")
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].diagnostics", containsString("could not be audited"))
                    .body(not(containsString("MRN-F")));
        } finally {
            try (var c = dataSource.getConnection();
                    var s = c.createStatement()) {
                s.execute("drop trigger " + function + " on audit.audit_log");
                s.execute("drop function " + function + "()");
            }
        }
        given().auth()
                .oauth2(token)
                .when()
                .get("/fhir/Patient/{id}/$everything", person)
                .then()
                .statusCode(200)
                .body(containsString("MRN-F"));
    }

    @Test
    void everyReadIsInTheAuditTrailBeforeItIsAnswered() throws Exception {
        String org = "riverside-" + UUID.randomUUID().toString().substring(0, 8);
        UUID person = UUID.randomUUID();
        String registered = publish(patientRegistered(person, org, "MRN-D"));

        given().auth()
                .oauth2(TestTokens.clinician("dr.chen", org))
                .header("X-ChartStream-After", registered)
                .when()
                .get("/fhir/Patient/{id}/$everything", person)
                .then()
                .statusCode(200);

        // committed before the answer left: no waiting
        audit("patient=" + person + "&subtype=operation")
                .body("total", equalTo(1))
                .body("entry[0].resource.agent[0].altId", equalTo("dr.chen"))
                .body("entry[0].resource.agent[1].who.reference", equalTo("Organization/" + org))
                .body("entry[0].resource.agent[0].purposeOfUse[0].coding[0].code", equalTo("TREAT"))
                .body("entry[0].resource.entity.what.display", hasItem("Patient/$everything"));
    }

    @Test
    void refusedReadIsNotDisclosed() {
        UUID person = UUID.randomUUID();
        given().auth()
                .oauth2(TestTokens.clinician("dr.novak", "northside-" + UUID.randomUUID()))
                .when()
                .get("/fhir/Patient/{id}/$everything", person)
                .then()
                .statusCode(404);
        audit("patient=" + person).body("total", equalTo(0));
    }
}
