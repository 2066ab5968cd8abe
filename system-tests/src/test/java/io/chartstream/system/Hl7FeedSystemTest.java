package io.chartstream.system;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.util.Terser;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.MllpReceiver;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.chartstream.system.Hl7Messages.HAPI;
import static io.chartstream.system.Hl7Messages.MLLP_PORT;
import static io.chartstream.system.Hl7Messages.RIVERSIDE_OID;
import static io.chartstream.system.Hl7Messages.accepted;
import static io.chartstream.system.Hl7Messages.header;
import static io.chartstream.system.Hl7Messages.patient;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An organization's feed as HL7 v2 from the running exchange (issue 13 part 5): the HIE's
 * administrator (a Keycloak token) points st-marys-hospital's feed at an MLLP interface; riverside
 * admits alice over HL7 v2; st-marys, in her care, gets the admission as an ADT^A01 naming her,
 * after whatever of its feed came before it (the first time: her results so far, as ORU^R01).
 */
class Hl7FeedSystemTest {

    /** The demo's alice at riverside-clinic (deploy/demo/fhir/alice-riverside.json). */
    private static final String ALICE_AT_RIVERSIDE = "RC-100234";

    @BeforeAll
    static void up() {
        RunningExchange.ensureUp();
    }

    @Test
    void anAdmissionElsewhereReachesTheCaringOrganizationsInterfaceAsAnAdt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ward = "HF-" + run;
        String admin = Tokens.user("admin");
        try (MllpReceiver stMarys = new MllpReceiver(0)) {
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of("endpoint", stMarys.endpoint()))
                    .put(RunningExchange.GATEWAY + "/admin/organizations/st-marys-hospital/hl7-feed")
                    .then()
                    .statusCode(200);
            try {
                ADT_A01 admit = HAPI.newMessage(ADT_A01.class);
                admit.initQuickstart("ADT", "A01", "P");
                header(admit.getMSH(), "RIVERSIDE", "HF1-" + run, "ADT_A01");
                patient(admit.getPID(), "RIVERSIDE", RIVERSIDE_OID, ALICE_AT_RIVERSIDE, "Anderson");
                admit.getPV1().getSetIDPV1().setValue("1");
                admit.getPV1().getPatientClass().setValue("I");
                admit.getPV1().getVisitNumber().getIDNumber().setValue("HFV-" + run);
                admit.getPV1().getAssignedPatientLocation().getPointOfCare().setValue(ward);
                admit.getPV1().getAdmitDateTime().getTime().setValue("202612061400");
                try (Socket riverside = new Socket("localhost", MLLP_PORT)) {
                    accepted(riverside, admit);
                }

                String alice = RunningExchange.alicePersonId();
                String adt = Eventually.get(
                        Duration.ofSeconds(60),
                        () -> stMarys.accepted.stream()
                                .filter(m -> m.contains(ward))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
                Terser terser = new Terser(parse(adt));
                assertEquals("ADT", terser.get("/MSH-9-1"));
                assertEquals("A01", terser.get("/MSH-9-2"));
                assertEquals("st-marys-hospital", terser.get("/MSH-6-1"));
                assertEquals("I", terser.get("/PV1-2"));
                assertTrue(adt.contains(alice + "^^^CHARTSTREAM^PI"), "PID-3 names alice's person id: " + adt);
                long adtNumber = Long.parseLong(terser.get("/MSH-10").substring(1));
                for (String earlier : stMarys.accepted.subList(0, stMarys.accepted.indexOf(adt))) {
                    long number = Long.parseLong(
                            new Terser(parse(earlier)).get("/MSH-10").substring(1));
                    assertTrue(number < adtNumber, "feed order: " + number + " before " + adtNumber);
                }
            } finally {
                given().auth()
                        .oauth2(admin)
                        .delete(RunningExchange.GATEWAY + "/admin/organizations/st-marys-hospital/hl7-feed")
                        .then()
                        .statusCode(204);
            }
        }
    }

    private static Message parse(String er7) throws Exception {
        return HAPI.getPipeParser().parse(er7);
    }
}
