package io.chartstream.exchange.audit.web;

import io.chartstream.exchange.support.GatewayCalls.Setup;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.chartstream.exchange.support.GatewayCalls.everything;
import static io.chartstream.exchange.support.GatewayCalls.operation;
import static io.chartstream.exchange.support.GatewayCalls.org;
import static io.chartstream.exchange.support.GatewayCalls.personWithAnObservation;
import static io.chartstream.exchange.support.GatewayCalls.reason;
import static io.chartstream.exchange.support.RecordEvents.publishFromPortal;
import static io.chartstream.exchange.support.RecordEvents.recordViewed;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail end to end on real PostgreSQL and Kafka: reads, refusals and relationships
 * become AuditEvents an auditor and the patient can search; tampering with the trail three ways
 * is found by the verification; the service's role cannot change a record.
 */
@QuarkusTest
class AuditTrailTest {

    @Inject
    DataSource dataSource;

    @Test
    void readsRefusalsAndRelationshipsBecomeAuditEventsForTheAuditorAndThePatient() {
        Setup s = personWithAnObservation();
        String northside = org("northside");
        everything(northside, s.person(), null).statusCode(404);
        operation(northside, s.person(), "$attest-treatment", reason("referred for asthma"))
                .statusCode(200);

        Eventually.assertThat(() -> audit(TestTokens.withRoles("privacy-officer", "auditor"), "patient=" + s.person())
                .statusCode(200)
                .body("total", greaterThanOrEqualTo(3))
                .body("entry.resource.subtype.code.flatten()", hasItem("attest-treatment")));

        String auditor = TestTokens.withRoles("privacy-officer", "auditor");
        audit(auditor, "patient=" + s.person() + "&agent=" + s.clinic() + "&subtype=operation")
                .body("total", equalTo(1))
                .body("entry[0].resource.resourceType", equalTo("AuditEvent"))
                .body("entry[0].resource.type.code", equalTo("rest"))
                .body("entry[0].resource.action", equalTo("E"))
                .body("entry[0].resource.outcome", equalTo("0"))
                .body("entry[0].resource.agent[0].who.identifier.value", equalTo("dr.x"))
                .body("entry[0].resource.agent[0].purposeOfUse[0].coding[0].code", equalTo("TREAT"))
                .body("entry[0].resource.agent[1].who.reference", equalTo("Organization/" + s.clinic()))
                .body("entry[0].resource.entity[0].what.reference", equalTo("Patient/" + s.person()));
        audit(auditor, "patient=" + s.person() + "&agent=" + s.clinic() + "&subtype=relationship-started")
                .body("total", equalTo(1))
                .body("entry[0].resource.type.code", equalTo("access"));
        audit(auditor, "patient=" + s.person() + "&outcome=4")
                .body("total", equalTo(1))
                .body("entry[0].resource.agent[1].who.reference", equalTo("Organization/" + northside))
                .body("entry[0].resource.outcomeDesc", equalTo("no-care-relationship"));
        audit(auditor, "entity=Patient/" + s.person() + "&type=access&agent=" + northside)
                .body("total", equalTo(1))
                .body("entry[0].resource.outcomeDesc", containsString("referred for asthma"));

        // the patient: their own record's trail, whatever they ask for; nobody else's
        audit(TestTokens.patient("alice", s.person().toString()), "").body("total", greaterThanOrEqualTo(3));
        audit(TestTokens.patient("alice", s.person().toString()), "patient=" + UUID.randomUUID())
                .statusCode(403);
        audit(TestTokens.clinician("dr.x", s.clinic()), "patient=" + s.person()).statusCode(403);
        given().get("/fhir/AuditEvent").then().statusCode(401);
    }

    @Test
    void thePatientsOwnViewsInThePortalAreInTheirTrail() {
        UUID person = UUID.randomUUID();
        publishFromPortal(recordViewed(person, "alice", "record"));

        Eventually.assertThat(() -> audit(TestTokens.patient("alice", person.toString()), "subtype=portal-view")
                .statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.agent[0].who.identifier.value", equalTo("alice"))
                .body("entry[0].resource.agent[0].purposeOfUse[0].coding[0].code", equalTo("PATRQT"))
                .body("entry[0].resource.source.site", equalTo("portal-service"))
                .body("entry[0].resource.entity[1].what.display", equalTo("portal/record")));
    }

    /**
     * Concurrent reads' disclosures are committed in groups, each group's links hashed in one
     * batch, while the trail's projection appends relationship records under the same lock: every
     * read has its own record, each naming what it disclosed, and the chain stays one unbroken line.
     */
    @Test
    void concurrentReadsEachGetTheirOwnRecordAndTheChainStaysIntact() throws Exception {
        Setup s = personWithAnObservation();
        String reader = org("st-marys");
        String attested = operation(reader, s.person(), "$attest-treatment", reason("admitted"))
                .statusCode(200)
                .extract()
                .header("X-ChartStream-Position");
        // the reader's view has its relationship before the reads start
        everything(reader, s.person(), attested).statusCode(200);
        String auditor = TestTokens.withRoles("privacy-officer", "auditor");
        String reads = "patient=" + s.person() + "&subtype=operation&_count=1";
        int before = audit(auditor, reads).extract().path("total");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String org = i % 2 == 0 ? s.clinic() : reader;
            answers.add(clients.submit(
                    () -> everything(org, s.person(), null).extract().statusCode()));
        }
        for (Future<Integer> answer : answers) {
            assertEquals(200, answer.get());
        }
        clients.shutdown();

        audit(auditor, reads).body("total", equalTo(before + 120));
        audit(
                        auditor,
                        "patient=" + s.person() + "&agent=" + reader + "&subtype=operation&entity=Observation/"
                                + s.entry())
                .body("total", equalTo(61));
        verify().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void tamperingIsFoundThreeWaysAndTheServicesRoleCannotChangeARecord() throws Exception {
        Setup s = personWithAnObservation();
        String auditor = TestTokens.withRoles("privacy-officer", "auditor");
        Eventually.assertThat(() -> audit(auditor, "patient=" + s.person()).body("total", greaterThanOrEqualTo(1)));
        long target =
                Long.parseLong(audit(auditor, "patient=" + s.person()).extract().path("entry[0].resource.id"));
        verify().statusCode(200).body("intact", equalTo(true));

        SQLException refused = assertThrows(
                SQLException.class,
                () -> sql("update audit.audit_log set agent_user = 'nobody' where sequence = " + target));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        assertThrows(SQLException.class, () -> sql("delete from audit.audit_log where sequence = " + target));

        // the table's owner (a database administrator, or someone with the service's migration
        // rights) switches the trigger off: the chain still finds each change
        sql("alter table audit.audit_log disable trigger audit_log_append_only");
        try {
            String original = agentOf(target);
            sql("update audit.audit_log set agent_user = 'nobody' where sequence = " + target);
            assertTampered(target, "changed");
            sql("update audit.audit_log set agent_user = '" + original + "' where sequence = " + target);
            verify().statusCode(200);

            sql("create table audit.kept as select * from audit.audit_log where sequence = " + target);
            sql("delete from audit.audit_log where sequence = " + target);
            assertTampered(target, "removed");
            sql("insert into audit.audit_log select * from audit.kept");
            sql("drop table audit.kept");
            verify().statusCode(200);

            sql("insert into audit.audit_log select sequence + 1000000000, gen_random_uuid(), recorded, type,"
                    + " subtype, action, outcome, 'forger', agent_organization, purpose_of_use, source, patient,"
                    + " entities, detail, hash, hash from audit.audit_log where sequence = " + target);
            assertTampered(target + 1000000000, "inserted");
            sql("delete from audit.audit_log where sequence = " + (target + 1000000000));
        } finally {
            sql("alter table audit.audit_log enable trigger audit_log_append_only");
        }
        verify().statusCode(200).body("intact", equalTo(true));
    }

    private static void assertTampered(long sequence, String tampering) {
        verify().statusCode(409)
                .body("intact", equalTo(false))
                .body("sequence", equalTo((int) sequence))
                .body("tampering", equalTo(tampering));
    }

    private String agentOf(long sequence) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("select agent_user from audit.audit_log where sequence = ?")) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static ValidatableResponse verify() {
        return given().auth()
                .oauth2(TestTokens.withRoles("privacy-officer", "auditor"))
                .get("/admin/audit/verify")
                .then();
    }

    private static ValidatableResponse audit(String token, String query) {
        return given().auth()
                .oauth2(token)
                .get("/fhir/AuditEvent" + (query.isEmpty() ? "" : "?" + query))
                .then();
    }
}
