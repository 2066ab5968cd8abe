package io.chartstream.exchange.hl7.infrastructure;

import io.chartstream.exchange.hl7.infrastructure.Hl7TestMessages.Person;
import io.chartstream.exchange.organization.application.DemoOrganizations;
import io.chartstream.exchange.support.FakeOwners;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.chartstream.exchange.support.AuditSearch.audit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ADT^A40 over a real socket, with the exchange's real PostgreSQL and Kafka: a merge request for
 * the HIE administrators, recorded by patient-service (played by {@link FakeOwners}; the request's
 * own rules are patient-service's MergeRequestTest), acknowledged AA once recorded, AE naming
 * PID-3 or MRG-1 when an identifier is not the organization's or not known.
 */
@QuarkusTest
class MergeRequestMllpTest {

    private static final String RIVERSIDE = DemoOrganizations.RIVERSIDE_FACILITY;
    private static final String RIVERSIDE_OID = DemoOrganizations.RIVERSIDE_MRN.substring("urn:oid:".length());

    @Inject
    MllpListener listener;

    private static String controlId() {
        return UUID.randomUUID().toString().substring(0, 18);
    }

    private static Person someone() {
        return new Person(
                "MRN-" + UUID.randomUUID().toString().substring(0, 8), RIVERSIDE_OID, "Rivera", "Ana", "19800214");
    }

    private static List<FakeOwners.Call> requestsOf(String controlId) {
        return FakeOwners.CALLS.stream()
                .filter(c -> c.path().equals("/merge-requests") && c.body().contains("\"" + controlId + "\""))
                .toList();
    }

    private MllpClient.Ack send(String message) throws Exception {
        try (MllpClient sender = new MllpClient(listener.port())) {
            return sender.send(message);
        }
    }

    @Test
    void aMergeIsAskedOfTheAdministratorsAndAcknowledgedOnceRecordedAndOnlyOnce() throws Exception {
        Person ana = someone();
        String prior = "OLD-" + ana.mrn();
        String id = controlId();
        String message =
                Hl7TestMessages.merge(RIVERSIDE, id, ana, prior, RIVERSIDE_OID).encode();

        MllpClient.Ack ack = send(message);

        assertEquals("AA", ack.code(), ack.er7());
        assertEquals(id, ack.controlId());
        List<FakeOwners.Call> asked = requestsOf(id);
        assertEquals(1, asked.size());
        FakeOwners.Call call = asked.get(0);
        assertEquals("riverside-clinic", call.header("X-ChartStream-Organization"));
        assertEquals("hl7:" + RIVERSIDE, call.header("X-ChartStream-Actor"));
        assertTrue(call.header("X-ChartStream-Assigning-Authorities").contains(RIVERSIDE_OID));
        String system = "urn:oid:" + RIVERSIDE_OID;
        assertTrue(
                call.body().contains("\"survivorIdentifier\":{\"system\":\"" + system + "\",\"value\":\"" + ana.mrn()),
                call.body());
        assertTrue(
                call.body().contains("\"mergedIdentifier\":{\"system\":\"" + system + "\",\"value\":\"" + prior),
                call.body());
        // the request reached the administrators: audited with both persons and the task
        UUID survivor = FakeOwners.personOf(ana.mrn());
        audit("subtype=person-merge-request&entity=hl7-message/" + id)
                .body("total", equalTo(1))
                .body("entry[0].resource.outcome", equalTo("0"))
                .body(
                        "entry[0].resource.entity.what.reference",
                        hasItems("Patient/" + survivor, "Patient/" + FakeOwners.personOf(prior)));

        // a resend after a lost ACK: the same ACK, nothing asked or audited twice
        MllpClient.Ack again = send(message);

        assertEquals(ack.code(), again.code(), again.er7());
        assertEquals(ack.controlId(), again.controlId());
        assertEquals(1, requestsOf(id).size());
        audit("subtype=person-merge-request&entity=hl7-message/" + id).body("total", equalTo(1));
    }

    @Test
    void identifiersOfOnePersonAlreadyAreAcknowledged() throws Exception {
        Person ana = someone();
        MllpClient.Ack ack = send(Hl7TestMessages.merge(RIVERSIDE, controlId(), ana, "SAME-" + ana.mrn(), RIVERSIDE_OID)
                .encode());

        assertEquals("AA", ack.code(), ack.er7());
    }

    @Test
    void anIdentifierTheMpiDoesNotKnowIsAnErrorNamingItsField() throws Exception {
        Person ana = someone();
        MllpClient.Ack unknownPrior =
                send(Hl7TestMessages.merge(RIVERSIDE, controlId(), ana, "UNKNOWN-" + ana.mrn(), RIVERSIDE_OID)
                        .encode());
        Person nobody = new Person("UNKNOWN-" + ana.mrn(), RIVERSIDE_OID, "Rivera", "Ana", "19800214");
        MllpClient.Ack unknownSurvivor =
                send(Hl7TestMessages.merge(RIVERSIDE, controlId(), nobody, "OLD-" + ana.mrn(), RIVERSIDE_OID)
                        .encode());

        assertEquals("AE", unknownPrior.code(), unknownPrior.er7());
        assertEquals("MRG^1^1", unknownPrior.errorLocation());
        assertEquals("AE", unknownSurvivor.code(), unknownSurvivor.er7());
        assertEquals("PID^1^3", unknownSurvivor.errorLocation());
    }

    @Test
    void aPairAnAdministratorDeclinedIsAnErrorNamingMrg1() throws Exception {
        Person ana = someone();
        MllpClient.Ack ack =
                send(Hl7TestMessages.merge(RIVERSIDE, controlId(), ana, "DECLINED-" + ana.mrn(), RIVERSIDE_OID)
                        .encode());

        assertEquals("AE", ack.code(), ack.er7());
        assertEquals("MRG^1^1", ack.errorLocation());
        assertTrue(ack.text().contains("not the same person"), ack.text());
    }

    @Test
    void aPersonChangedMeanwhileIsRejectedAndTheResendIsAskedAgainNotReplayed() throws Exception {
        Person ana = someone();
        String id = controlId();
        String message = Hl7TestMessages.merge(RIVERSIDE, id, ana, "CHANGED-" + ana.mrn(), RIVERSIDE_OID)
                .encode();

        MllpClient.Ack first = send(message);
        MllpClient.Ack resent = send(message);

        assertEquals("AR", first.code(), first.er7());
        assertEquals("AA", resent.code(), resent.er7());
        assertEquals(2, requestsOf(id).size(), "the AR was not kept under the control id");
    }

    @Test
    void anIdentifierNotOfTheOrganizationIsAnErrorNamingItAndAsksNothing() throws Exception {
        Person ana = someone();
        String id = controlId();
        MllpClient.Ack ack = send(Hl7TestMessages.merge(RIVERSIDE, id, ana, "SM-" + ana.mrn(), "1.2.3.4.5")
                .encode());
        Person stranger = new Person("X-" + ana.mrn(), "1.2.3.4.5", "Doe", "Jo", "19700101");
        String other = controlId();
        MllpClient.Ack strangerAck =
                send(Hl7TestMessages.merge(RIVERSIDE, other, stranger, "OLD-" + ana.mrn(), RIVERSIDE_OID)
                        .encode());

        assertEquals("AE", ack.code(), ack.er7());
        assertEquals("MRG^1^1", ack.errorLocation());
        assertEquals("AE", strangerAck.code(), strangerAck.er7());
        assertEquals("PID^1^3", strangerAck.errorLocation());
        assertEquals(List.of(), requestsOf(id));
        assertEquals(List.of(), requestsOf(other));
    }
}
