package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.hl7.infrastructure.Hl7TestMessages.Person;
import io.chartstream.exchange.organization.application.DemoOrganizations;
import io.chartstream.exchange.support.FakeOwners;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MLLP listener over a real socket, with the exchange's real PostgreSQL and Kafka; the owners
 * behind the gateway are {@link FakeOwners} (the whole path through them is Hl7SystemTest's).
 */
@QuarkusTest
class MllpListenerTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String RIVERSIDE = DemoOrganizations.RIVERSIDE_FACILITY;
    private static final String RIVERSIDE_OID = DemoOrganizations.RIVERSIDE_MRN.substring("urn:oid:".length());

    @Inject
    MllpListener listener;

    private static Person someone() {
        return new Person(
                "MRN-" + UUID.randomUUID().toString().substring(0, 8), RIVERSIDE_OID, "Rivera", "Ana", "19800214");
    }

    private static String controlId() {
        return UUID.randomUUID().toString().substring(0, 18);
    }

    /** The calls the owners got for a message: its patient's registration (by MRN) and its Provenance's control id. */
    private static List<FakeOwners.Call> callsFor(String controlId, Person person) {
        return FakeOwners.CALLS.stream()
                .filter(c -> String.valueOf(c.header("If-None-Exist")).endsWith("|" + person.mrn())
                        || c.body().contains("\"value\":\"" + controlId + "\""))
                .toList();
    }

    @Test
    void anAdmissionIsAcceptedOnlyOnceItsTransactionIsWritten() throws Exception {
        String id = controlId();
        Person ana = someone();
        try (MllpClient sender = new MllpClient(listener.port())) {
            MllpClient.Ack ack = sender.send(
                    Hl7TestMessages.admission("A01", RIVERSIDE, id, ana).encode());

            assertEquals("AA", ack.code(), ack.er7());
            assertEquals(id, ack.controlId());
        }
        List<FakeOwners.Call> calls = callsFor(id, ana);
        assertEquals(2, calls.size(), "a registration, then every clinical entry in one transaction: " + calls);
        FakeOwners.Call registration = calls.get(0);
        assertEquals("/fhir/Patient", registration.path());
        assertEquals("riverside-clinic", registration.header("X-ChartStream-Organization"));
        assertEquals("identifier=urn:oid:" + RIVERSIDE_OID + "|" + ana.mrn(), registration.header("If-None-Exist"));
        Bundle clinical =
                FHIR.newJsonParser().parseResource(Bundle.class, calls.get(1).body());
        assertEquals(
                List.of("Encounter", "AllergyIntolerance", "Condition", "Provenance"),
                clinical.getEntry().stream()
                        .map(e -> e.getResource().fhirType())
                        .toList());
    }

    @Test
    void theSameControlIdAgainGetsTheSameAckAndWritesNothingTwice() throws Exception {
        String id = controlId();
        Person ana = someone();
        String message = Hl7TestMessages.labResult(RIVERSIDE, id, ana).encode();
        try (MllpClient sender = new MllpClient(listener.port())) {
            MllpClient.Ack first = sender.send(message);
            int written = callsFor(id, ana).size();
            MllpClient.Ack again = sender.send(message);

            assertEquals("AA", first.code(), first.er7());
            assertEquals(first.code(), again.code());
            assertEquals(first.controlId(), again.controlId());
            assertEquals(2, written);
            assertEquals(written, callsFor(id, ana).size(), "the resent message wrote nothing");
        }
    }

    @Test
    void aVaccinationIsRecordedAsAnImmunization() throws Exception {
        String id = controlId();
        Person ana = someone();
        try (MllpClient sender = new MllpClient(listener.port())) {
            assertEquals(
                    "AA",
                    sender.send(Hl7TestMessages.vaccination(RIVERSIDE, id, ana).encode())
                            .code());
        }
        Bundle clinical = FHIR.newJsonParser()
                .parseResource(Bundle.class, callsFor(id, ana).get(1).body());
        assertEquals("Immunization", clinical.getEntryFirstRep().getResource().fhirType());
    }

    @Test
    void aMessageFromAnUnknownFacilityIsRejectedNamingMsh4AndWritesNothing() throws Exception {
        String id = controlId();
        Person ana = someone();
        try (MllpClient sender = new MllpClient(listener.port())) {
            MllpClient.Ack ack = sender.send(
                    Hl7TestMessages.admission("A01", "NOWHERE", id, ana).encode());

            assertEquals("AR", ack.code(), ack.er7());
            assertEquals("MSH^1^4", ack.errorLocation());
            assertTrue(ack.text().contains("NOWHERE"), ack.text());
        }
        assertEquals(List.of(), callsFor(id, ana));
    }

    @Test
    void aPatientWithoutTheOrganizationsIdentifierIsAnErrorNamingPid3() throws Exception {
        String id = controlId();
        Person stranger = new Person("X-1", "1.2.3.4.5", "Doe", "Jo", "19700101");
        try (MllpClient sender = new MllpClient(listener.port())) {
            MllpClient.Ack ack = sender.send(
                    Hl7TestMessages.admission("A04", RIVERSIDE, id, stranger).encode());

            assertEquals("AE", ack.code(), ack.er7());
            assertEquals("PID^1^3", ack.errorLocation());
        }
        assertEquals(List.of(), callsFor(id, stranger));
    }

    @Test
    void aResultTheValidatorRefusesIsAnErrorNamingItsSegmentAndNothingIsWritten() throws Exception {
        String id = controlId();
        Person ana = someone();
        var oru = Hl7TestMessages.labResult(RIVERSIDE, id, ana);
        // a code FHIR's code type does not allow (two spaces inside): converted as sent, refused by the validator
        oru.getPATIENT_RESULT()
                .getORDER_OBSERVATION()
                .getOBSERVATION(1)
                .getOBX()
                .getObservationIdentifier()
                .getIdentifier()
                .setValue("2823  3");
        try (MllpClient sender = new MllpClient(listener.port())) {
            MllpClient.Ack ack = sender.send(oru.encode());

            assertEquals("AE", ack.code(), ack.er7());
            assertTrue(ack.errorLocation().startsWith("OBX^2"), ack.er7()); // ERR-2 is OBX^2, the field left empty
            assertTrue(
                    ack.text().contains("Bundle.entry[3] (Observation): Observation.code.coding[0].code")
                            && ack.text().contains("whitespace"),
                    ack.text());
        }
        assertEquals(List.of(), callsFor(id, ana), "no registration, no entry");
        List<FakeOwners.Call> asked = FakeOwners.VALIDATIONS.stream()
                .filter(c -> c.body().contains("\"value\":\"" + id + "\""))
                .toList();
        assertEquals(1, asked.size(), "one validation call for the message: " + asked);
        Bundle entries =
                FHIR.newJsonParser().parseResource(Bundle.class, asked.get(0).body());
        assertEquals(
                List.of("DiagnosticReport", "Observation", "Observation", "Provenance"),
                entries.getEntry().stream().map(e -> e.getResource().fhirType()).toList(),
                "each clinical entry asked for once");
    }

    @Test
    void aFrameThatIsNotHl7IsRejectedAndTheConnectionServesTheNextMessage() throws Exception {
        try (MllpClient sender = new MllpClient(listener.port())) {
            MllpClient.Ack ack = sender.send("{\"resourceType\":\"Patient\"}");
            assertEquals("AR", ack.code(), ack.er7());

            String id = controlId();
            assertEquals(
                    "AA",
                    sender.send(Hl7TestMessages.vaccination(RIVERSIDE, id, someone())
                                    .encode())
                            .code());
        }
    }

    @Test
    void framingGarbageClosesTheConnectionCleanlyAndTheListenerGoesOn() throws Exception {
        try (MllpClient sender = new MllpClient(listener.port())) {
            sender.sendRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, sender.readByte(), "the listener closed the connection");
        }
        try (MllpClient sender = new MllpClient(listener.port())) {
            assertEquals(
                    "AA",
                    sender.send(Hl7TestMessages.vaccination(RIVERSIDE, controlId(), someone())
                                    .encode())
                            .code());
        }
    }
}
