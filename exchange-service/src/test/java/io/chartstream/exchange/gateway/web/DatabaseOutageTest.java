package io.chartstream.exchange.gateway.web;

import io.chartstream.exchange.support.GatewayCalls;
import io.chartstream.exchange.support.GatewayCalls.Setup;
import io.chartstream.exchange.support.RecordEvents;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.SharedPostgres;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.chartstream.exchange.support.GatewayCalls.FHIR_JSON;
import static io.chartstream.exchange.support.GatewayCalls.everything;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real PostgreSQL outage (fast shutdown of the server every service and test here uses, then
 * the same server again): while it is down, reads and writes answer 503 with Retry-After and an
 * OperationOutcome, never 500, and the instance reports not ready; once it is back, the same
 * running exchange serves reads, applies new record events to its views, and audits, with no
 * restart: the pool, the projections, the outbox relay and the disclosure committer all recover.
 */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void whileThePostgresIsDownEverythingIs503AndOnceBackTheSameInstanceServesWithoutARestart() throws Exception {
        Setup s = GatewayCalls.personWithAnObservation();
        everything(s.clinic(), s.person(), null).statusCode(200).body("total", equalTo(2));
        int auditedBefore = auditedReadsOf(s.person());

        SharedPostgres.outage(() -> {
            everything(s.clinic(), s.person(), null)
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .contentType(containsString(FHIR_JSON))
                    .body("resourceType", equalTo("OperationOutcome"));
            Observation o = new Observation();
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.getSubject().setReference("Patient/" + s.person());
            o.getCode().setText("HbA1c");
            given().auth()
                    .oauth2(TestTokens.clinician("dr.rivera", s.clinic()))
                    .contentType(FHIR_JSON)
                    .body(GatewayCalls.encode(o))
                    .post("/fhir/Observation")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .body("resourceType", equalTo("OperationOutcome"));
            given().get("/q/health/ready").then().statusCode(503);
        });

        // the same instance, no restart: reads are served again once the pool reconnects
        Eventually.assertThat(
                Duration.ofSeconds(30),
                () -> everything(s.clinic(), s.person(), null).statusCode(200));
        given().get("/q/health/ready").then().statusCode(200);
        // the org-views projection applies what is recorded after the outage
        String after =
                RecordEvents.publish(RecordEvents.observationRecorded(s.person(), s.clinic(), UUID.randomUUID(), 6.4));
        everything(s.clinic(), s.person(), after).statusCode(200).body("total", equalTo(3));
        // the outbox relay and the audit trail carry the disclosures made after the outage
        Eventually.assertThat(
                Duration.ofSeconds(30),
                () -> assertTrue(
                        auditedReadsOf(s.person()) > auditedBefore + 1,
                        "reads after the outage are in the audit trail"));
    }

    private static int auditedReadsOf(UUID person) {
        return given().auth()
                .oauth2(TestTokens.withRoles("privacy-officer", "auditor"))
                .get("/fhir/AuditEvent?patient=" + person + "&subtype=operation")
                .then()
                .statusCode(200)
                .body("total", greaterThan(-1))
                .extract()
                .path("total");
    }
}
