package io.chartstream.exchange.hl7.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.hl7.infrastructure.Hl7TestMessages.Person;
import io.chartstream.exchange.organization.application.DemoOrganizations;
import io.chartstream.exchange.support.FakeOwners;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationStatus;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ADT events of one visit over a real socket, with the exchange's real PostgreSQL and Kafka:
 * the admission creates the visit's Encounter, transfer, discharge and the cancels change that
 * same Encounter, each based on the version the owner ({@link FakeOwners}, which keeps what its
 * transaction endpoint recorded) has.
 */
@QuarkusTest
class VisitEventsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String RIVERSIDE = DemoOrganizations.RIVERSIDE_FACILITY;
    private static final String RIVERSIDE_OID = DemoOrganizations.RIVERSIDE_MRN.substring("urn:oid:".length());

    @Inject
    MllpListener listener;

    private static String controlId() {
        return UUID.randomUUID().toString().substring(0, 18);
    }

    /** The clinical transaction a message's ACK came after (found by its Provenance's control id). */
    private static Bundle transactionOf(String controlId) {
        return FakeOwners.CALLS.stream()
                .filter(c -> c.path().equals("/fhir") && c.body().contains("\"value\":\"" + controlId + "\""))
                .map(c -> FHIR.newJsonParser().parseResource(Bundle.class, c.body()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no transaction for " + controlId));
    }

    private static BundleEntryComponent encounterEntry(Bundle transaction) {
        return transaction.getEntry().stream()
                .filter(e -> e.getResource() instanceof Encounter)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyEventOfAVisitChangesTheOneEncounterTheAdmissionCreated() throws Exception {
        Person ana = new Person("MRN-" + controlId().substring(0, 8), RIVERSIDE_OID, "Rivera", "Ana", "19800214");
        String admit = controlId();
        String transfer = controlId();
        String discharge = controlId();
        String undoDischarge = controlId();
        String undoAdmit = controlId();
        String visit = "V-" + admit;
        try (MllpClient sender = new MllpClient(listener.port())) {
            for (var message : List.of(
                    Hl7TestMessages.admission("A01", RIVERSIDE, admit, ana),
                    Hl7TestMessages.visitEvent("A02", RIVERSIDE, transfer, ana, visit, "5E"),
                    Hl7TestMessages.visitEvent("A03", RIVERSIDE, discharge, ana, visit, "5E"),
                    Hl7TestMessages.visitEvent("A13", RIVERSIDE, undoDischarge, ana, visit, "5E"))) {
                MllpClient.Ack ack = sender.send(message.encode());
                assertEquals("AA", ack.code(), ack.er7());
            }
            MllpClient.Ack ack = sender.send(Hl7TestMessages.cancelAdmit(RIVERSIDE, undoAdmit, ana, visit)
                    .encode());
            assertEquals("AA", ack.code(), ack.er7());
        }

        BundleEntryComponent created = encounterEntry(transactionOf(admit));
        assertEquals(Bundle.HTTPVerb.POST, created.getRequest().getMethod(), "the admission creates the visit");
        String visitEncounter = created.getFullUrl();
        List<BundleEntryComponent> changes = List.of(transfer, discharge, undoDischarge, undoAdmit).stream()
                .map(id -> encounterEntry(transactionOf(id)))
                .toList();
        for (String id : List.of(admit, transfer, discharge, undoDischarge, undoAdmit)) {
            Provenance provenance =
                    (Provenance) transactionOf(id).getEntry().getLast().getResource();
            assertTrue(
                    provenance.getTarget().stream().anyMatch(t -> visitEncounter.equals(t.getReference())),
                    "the message's Provenance names the visit's Encounter: " + id);
            assertEquals(
                    id, provenance.getEntityFirstRep().getWhat().getIdentifier().getValue());
        }
        for (int i = 0; i < changes.size(); i++) {
            BundleEntryComponent change = changes.get(i);
            assertEquals(Bundle.HTTPVerb.PUT, change.getRequest().getMethod());
            assertEquals(visitEncounter, change.getRequest().getUrl(), "the same Encounter");
            assertEquals("W/\"" + (i + 1) + "\"", change.getRequest().getIfMatch(), "based on the version before");
        }

        Encounter transferred = (Encounter) changes.get(0).getResource();
        assertEquals(EncounterStatus.INPROGRESS, transferred.getStatus());
        assertEquals(
                "4W room 412", transferred.getLocation().get(0).getLocation().getDisplay());
        assertEquals(
                EncounterLocationStatus.COMPLETED,
                transferred.getLocation().get(0).getStatus());
        assertEquals("5E", transferred.getLocation().get(1).getLocation().getDisplay());
        assertEquals(
                EncounterLocationStatus.ACTIVE, transferred.getLocation().get(1).getStatus());
        assertTrue(transferred.getPeriod().hasStart(), "the admission time is kept");

        Encounter discharged = (Encounter) changes.get(1).getResource();
        assertEquals(EncounterStatus.FINISHED, discharged.getStatus());
        assertTrue(discharged.getPeriod().hasEnd());

        Encounter readmitted = (Encounter) changes.get(2).getResource();
        assertEquals(EncounterStatus.INPROGRESS, readmitted.getStatus(), "A13 cancels the discharge");
        assertNull(readmitted.getPeriod().getEnd());

        Bundle cancel = transactionOf(undoAdmit);
        assertEquals(EncounterStatus.CANCELLED, ((Encounter) changes.get(3).getResource()).getStatus());
        assertEquals(
                List.of("Encounter", "Provenance"),
                cancel.getEntry().stream().map(e -> e.getResource().fhirType()).toList(),
                "a cancel changes the visit and records nothing else");
    }

    @Test
    void cancellingTheAdmissionOfAnUnknownVisitIsAnErrorNamingPv1Field19() throws Exception {
        Person ana = new Person("MRN-" + controlId().substring(0, 8), RIVERSIDE_OID, "Rivera", "Ana", "19800214");
        String id = controlId();
        try (MllpClient sender = new MllpClient(listener.port())) {
            MllpClient.Ack ack = sender.send(Hl7TestMessages.cancelAdmit(RIVERSIDE, id, ana, "NEVER-" + id)
                    .encode());

            assertEquals("AE", ack.code(), ack.er7());
            assertEquals("PV1^1^19", ack.errorLocation());
            assertTrue(ack.text().contains("no admission to cancel"), ack.text());
        }
        assertFalse(
                FakeOwners.CALLS.stream()
                        .anyMatch(c -> c.path().equals("/fhir") && c.body().contains(id)),
                "nothing was written");
    }

    private static List<BundleEntryComponent> entriesOf(Bundle transaction, String type) {
        return transaction.getEntry().stream()
                .filter(e -> e.getResource().fhirType().equals(type))
                .toList();
    }

    private static List<String> provenanceTargets(Bundle transaction) {
        return ((Provenance) transaction.getEntry().getLast().getResource())
                .getTarget().stream().map(t -> t.getReference()).toList();
    }

    @Test
    void anUpdateRepeatingTheAllergiesAndDiagnosesOfItsVisitRecordsThemOnce() throws Exception {
        Person ana = new Person("MRN-" + controlId().substring(0, 8), RIVERSIDE_OID, "Rivera", "Ana", "19800214");
        String admit = controlId();
        String update = controlId();
        String worse = controlId();
        String nextVisit = controlId();
        try (MllpClient sender = new MllpClient(listener.port())) {
            var repeat = Hl7TestMessages.admission("A08", RIVERSIDE, update, ana);
            repeat.getPV1().getVisitNumber().getIDNumber().setValue("V-" + admit);
            var changed = Hl7TestMessages.admission("A08", RIVERSIDE, worse, ana);
            changed.getPV1().getVisitNumber().getIDNumber().setValue("V-" + admit);
            changed.getAL1(0).getAllergyReactionCode(0).setValue("Anaphylaxis");
            for (var message : List.of(
                    Hl7TestMessages.admission("A01", RIVERSIDE, admit, ana),
                    repeat,
                    changed,
                    Hl7TestMessages.admission("A01", RIVERSIDE, nextVisit, ana))) {
                MllpClient.Ack ack = sender.send(message.encode());
                assertEquals("AA", ack.code(), ack.er7());
            }
        }

        Bundle first = transactionOf(admit);
        BundleEntryComponent allergy = entriesOf(first, "AllergyIntolerance").getFirst();
        BundleEntryComponent diagnosis = entriesOf(first, "Condition").getFirst();
        assertEquals(Bundle.HTTPVerb.POST, allergy.getRequest().getMethod());

        Bundle repeated = transactionOf(update);
        assertEquals(
                List.of("Encounter", "Provenance"),
                repeated.getEntry().stream()
                        .map(e -> e.getResource().fhirType())
                        .toList(),
                "the allergy and the diagnosis repeated unchanged are not recorded again");
        assertTrue(
                provenanceTargets(repeated).containsAll(List.of(allergy.getFullUrl(), diagnosis.getFullUrl())),
                "the repeat's Provenance still names what the message reported: " + provenanceTargets(repeated));

        Bundle revised = transactionOf(worse);
        List<BundleEntryComponent> revisedAllergies = entriesOf(revised, "AllergyIntolerance");
        assertEquals(1, revisedAllergies.size());
        assertEquals(
                Bundle.HTTPVerb.PUT, revisedAllergies.getFirst().getRequest().getMethod());
        assertEquals(
                allergy.getFullUrl(), revisedAllergies.getFirst().getRequest().getUrl(), "the same allergy");
        assertEquals("W/\"1\"", revisedAllergies.getFirst().getRequest().getIfMatch());
        assertEquals(
                "Anaphylaxis",
                ((org.hl7.fhir.r4.model.AllergyIntolerance)
                                revisedAllergies.getFirst().getResource())
                        .getReactionFirstRep()
                        .getManifestationFirstRep()
                        .getText());
        assertTrue(entriesOf(revised, "Condition").isEmpty(), "the diagnosis did not change");

        Bundle next = transactionOf(nextVisit);
        // it reports the reaction as the admission did: the same allergy changed back, not a second one
        List<BundleEntryComponent> nextAllergies = entriesOf(next, "AllergyIntolerance");
        assertEquals(1, nextAllergies.size());
        assertEquals(Bundle.HTTPVerb.PUT, nextAllergies.getFirst().getRequest().getMethod());
        assertEquals(allergy.getFullUrl(), nextAllergies.getFirst().getRequest().getUrl());
        assertEquals("W/\"2\"", nextAllergies.getFirst().getRequest().getIfMatch());
        List<BundleEntryComponent> nextDiagnoses = entriesOf(next, "Condition");
        assertEquals(1, nextDiagnoses.size(), "a diagnosis is the visit's: the next visit records its own");
        assertEquals(Bundle.HTTPVerb.POST, nextDiagnoses.getFirst().getRequest().getMethod());
        assertFalse(diagnosis.getFullUrl().equals(nextDiagnoses.getFirst().getFullUrl()));
    }

    @Test
    void anUpdateWithNewDemographicsRevisesTheOrganizationsRegistration() throws Exception {
        String mrn = "MRN-" + controlId().substring(0, 8);
        Person ana = new Person(mrn, RIVERSIDE_OID, "Rivera", "Ana", "19800214");
        Person married = new Person(mrn, RIVERSIDE_OID, "Rivera-Stone", "Ana", "19800214");
        String admit = controlId();
        try (MllpClient sender = new MllpClient(listener.port())) {
            var update = Hl7TestMessages.admission("A08", RIVERSIDE, controlId(), married);
            update.getPV1().getVisitNumber().getIDNumber().setValue("V-" + admit);
            for (var message : List.<ca.uhn.hl7v2.model.AbstractMessage>of(
                    Hl7TestMessages.admission("A01", RIVERSIDE, admit, ana),
                    update,
                    Hl7TestMessages.personUpdate(RIVERSIDE, controlId(), married))) {
                MllpClient.Ack ack = sender.send(message.encode());
                assertEquals("AA", ack.code(), ack.er7());
            }
        }

        List<FakeOwners.Call> registrations = FakeOwners.CALLS.stream()
                .filter(c -> c.path().equals("/fhir/Patient") && c.body().contains(mrn))
                .toList();
        assertEquals(
                List.of("POST", "PUT", "PUT"),
                registrations.stream().map(FakeOwners.Call::method).toList(),
                "the admission registers; the A08 and the A31 revise the registration");
        assertTrue(
                registrations.get(1).body().contains("Rivera-Stone"),
                registrations.get(1).body());
        assertEquals("riverside-clinic", registrations.get(1).header("X-ChartStream-Organization"));
        assertTrue(
                registrations
                        .get(1)
                        .header("X-ChartStream-Assigning-Authorities")
                        .contains(RIVERSIDE_OID),
                "the organization's own systems go with it");
    }
}
