package io.chartstream.system;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A09;
import io.chartstream.contracts.Topics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TopicReader;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.chartstream.system.Hl7Messages.HAPI;
import static io.chartstream.system.Hl7Messages.MLLP_PORT;
import static io.chartstream.system.Hl7Messages.RIVERSIDE_OID;
import static io.chartstream.system.Hl7Messages.accepted;
import static io.chartstream.system.Hl7Messages.header;
import static io.chartstream.system.Hl7Messages.patient;
import static io.chartstream.system.Hl7Messages.personAtRiverside;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A visit through HL7 v2 ADT into the running exchange: every event of one visit number changes
 * the one Encounter the admission created; and an admission is an encounter notification: the
 * other organization in the person's care gets it on its feed and its webhook, and the patient
 * sees it in the portal, each measured from the admission's AA.
 */
class Hl7VisitSystemTest {

    /** The demo's alice at riverside-clinic (deploy/demo/fhir/alice-riverside.json); st-marys-hospital cares for her too. */
    private static final String ALICE_AT_RIVERSIDE = "RC-100234";

    private static String run;

    @BeforeAll
    static void up() {
        RunningExchange.ensureUp();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private static ADT_A01 event(String trigger, String structure, String controlId, String mrn, String visit)
            throws HL7Exception, IOException {
        ADT_A01 adt = HAPI.newMessage(ADT_A01.class);
        adt.initQuickstart("ADT", trigger, "P");
        header(adt.getMSH(), "RIVERSIDE", controlId, structure);
        patient(adt.getPID(), "RIVERSIDE", RIVERSIDE_OID, mrn, "Visit-" + run);
        adt.getPV1().getSetIDPV1().setValue("1");
        adt.getPV1().getPatientClass().setValue("I");
        adt.getPV1().getVisitNumber().getIDNumber().setValue(visit);
        adt.getPV1().getAdmitDateTime().getTime().setValue("202612060700");
        return adt;
    }

    private static ADT_A01 at(ADT_A01 adt, String pointOfCare) throws HL7Exception {
        adt.getPV1().getAssignedPatientLocation().getPointOfCare().setValue(pointOfCare);
        return adt;
    }

    private static List<Encounter> encountersOfVisit(String token, String person, String visit) {
        var answer = Fhir.everything(token, person);
        if (answer.statusCode() != 200) {
            return List.of();
        }
        return Fhir.bundle(answer.asString()).getEntry().stream()
                .filter(e -> e.getResource() instanceof Encounter encounter
                        && visit.equals(encounter.getIdentifierFirstRep().getValue()))
                .map(e -> (Encounter) e.getResource())
                .toList();
    }

    @Test
    void everyEventOfAVisitChangesTheOneEncounterItsAdmissionCreated() throws Exception {
        String mrn = "H7V-" + run;
        String visit = "VISIT-" + run;
        try (Socket riverside = new Socket("localhost", MLLP_PORT)) {
            accepted(riverside, at(event("A01", "ADT_A01", "V1-" + run, mrn, visit), "4W"));
            accepted(riverside, at(event("A02", "ADT_A02", "V2-" + run, mrn, visit), "ICU"));
            ADT_A01 discharge = at(event("A03", "ADT_A03", "V3-" + run, mrn, visit), "ICU");
            discharge.getPV1().getDischargeDateTime(0).getTime().setValue("202612061500");
            accepted(riverside, discharge);
            accepted(riverside, at(event("A13", "ADT_A01", "V4-" + run, mrn, visit), "ICU"));
            ADT_A09 cancel = HAPI.newMessage(ADT_A09.class);
            cancel.initQuickstart("ADT", "A11", "P");
            header(cancel.getMSH(), "RIVERSIDE", "V5-" + run, "ADT_A09");
            patient(cancel.getPID(), "RIVERSIDE", RIVERSIDE_OID, mrn, "Visit-" + run);
            cancel.getPV1().getPatientClass().setValue("I");
            cancel.getPV1().getVisitNumber().getIDNumber().setValue(visit);
            accepted(riverside, cancel);
        }

        String clinic = Tokens.system("riverside-clinic");
        String person = personAtRiverside(mrn);
        Eventually.within(Duration.ofSeconds(15))
                .until(() -> encountersOfVisit(clinic, person, visit).stream()
                        .anyMatch(e -> e.getStatus() == Encounter.EncounterStatus.CANCELLED));
        List<Encounter> encounters = encountersOfVisit(clinic, person, visit);
        assertEquals(1, encounters.size(), "one Encounter for the visit: " + encounters.size());
        Encounter encounter = encounters.get(0);
        assertEquals("5", encounter.getMeta().getVersionId(), "created by A01, changed by A02, A03, A13, A11");
        assertEquals(
                List.of("4W", "ICU"),
                encounter.getLocation().stream()
                        .map(l -> l.getLocation().getDisplay())
                        .toList(),
                "the transfer's history");
        assertEquals(Encounter.EncounterStatus.CANCELLED, encounter.getStatus());
        assertTrue(encounter.getPeriod().hasStart() && !encounter.getPeriod().hasEnd(), "A13 took the discharge back");
    }

    @Test
    void anAdmissionReachesTheOtherCaringOrganizationsFeedAndWebhookAndThePatientsPortal() throws Exception {
        String ward = "W-" + run; // unique, so every channel is matched on this admission alone
        ADT_A01 admit = at(event("A01", "ADT_A01", "N1-" + run, ALICE_AT_RIVERSIDE, "NOTIFY-" + run), ward);
        String aliceToken = Tokens.user("alice"); // before the clock starts: a token is not part of the delay
        Instant accepted;
        try (Socket riverside = new Socket("localhost", MLLP_PORT)) {
            accepted(riverside, admit);
            accepted = Instant.now();
        }
        String alice = RunningExchange.alicePersonId();
        String portal = Eventually.get(
                Duration.ofSeconds(30),
                () -> given().auth()
                        .oauth2(aliceToken)
                        .when()
                        .get(RunningExchange.PORTAL + "/api/record")
                        .asString(),
                record -> record.contains(ward));
        long portalMillis = Duration.between(accepted, Instant.now()).toMillis();
        assertTrue(portal.contains("in-progress"), portal);

        var feed = TopicReader.await(
                RunningExchange.KAFKA,
                Topics.feedOf("st-marys-hospital"),
                r -> alice.equals(r.key()) && TopicReader.value(r).contains(ward),
                1,
                Duration.ofSeconds(30));
        long feedMillis = feed.get(0).timestamp() - accepted.toEpochMilli();
        String encounterId = encountersOfVisit(Tokens.user("dr.chen"), alice, "NOTIFY-" + run).stream()
                .map(e -> e.getIdElement().getIdPart())
                .findFirst()
                .orElseThrow(() -> new AssertionError("st-marys' view has no Encounter of the admission"));
        String notification = Eventually.get(
                        Duration.ofSeconds(30),
                        () -> given().when()
                                .get(RunningExchange.WEBHOOK_RECEIVER + "/?last=500")
                                .asString(),
                        page -> page.contains(encounterId))
                .lines()
                .filter(l -> l.contains(encounterId))
                .findFirst()
                .orElseThrow();
        assertTrue(notification.contains("VALID signature"), notification);
        long webhookMillis = Duration.between(
                        accepted, Instant.parse(notification.substring(0, notification.indexOf(' '))))
                .toMillis();

        System.out.printf(
                "encounter notification after the A01's AA: st-marys feed %d ms, st-marys webhook %d ms,"
                        + " alice's portal seen by polling after %d ms%n",
                feedMillis, webhookMillis, portalMillis);
        assertTrue(feedMillis < 5_000, "feed after " + feedMillis + " ms");
        assertTrue(webhookMillis < 5_000, "webhook after " + webhookMillis + " ms");
        assertTrue(portalMillis < 5_000, "portal after " + portalMillis + " ms");
    }
}
