package io.chartstream.clinical.person.infrastructure;

import io.chartstream.clinical.support.PatientEvents;
import io.chartstream.clinical.support.Persons;
import io.chartstream.clinical.support.Readiness;
import io.chartstream.contracts.EventType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.chartstream.clinical.support.Gateway.asGateway;
import static io.chartstream.testsupport.FhirSamples.glucose;
import static io.chartstream.testsupport.FhirSamples.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** clinical-service learns persons from real PatientRegistered / IdentifierLinked CloudEvents on Kafka. */
@QuarkusTest
class KnownPersonsProjectionTest {

    @Inject
    KnownPersons knownPersons;

    @Test
    void registeredPersonBecomesKnown() throws Exception {
        UUID person = PatientEvents.registerNewPerson();

        assertTrue(knownPersons.awaitKnown(person, Duration.ofSeconds(60)));
    }

    @Test
    void linkedIdentifierMakesThePersonKnown() throws Exception {
        UUID person = UUID.randomUUID();
        PatientEvents.linkIdentifier(person);

        assertTrue(knownPersons.awaitKnown(person, Duration.ofSeconds(60)));
    }

    @Test
    void otherPatientEventTypesAreIgnored() throws Exception {
        UUID merged = UUID.randomUUID();
        PatientEvents.publish(
                new EventType("patient", "PatientsMerged", 1).value(),
                merged,
                PatientEvents.data(merged, "riverside-clinic", "MRN-IGNORED"));
        // a marker on the same key, so the same partition: once it is applied, the event before it was too
        UUID marker = UUID.randomUUID();
        PatientEvents.publish(
                PatientEvents.PATIENT_REGISTERED, merged, PatientEvents.data(marker, "riverside-clinic", "MRN-MARK"));

        assertTrue(knownPersons.awaitKnown(marker, Duration.ofSeconds(60)));
        assertFalse(knownPersons.isKnown(merged), "a PatientsMerged event must not make a person known");
    }

    @Test
    void entryWhoseSubjectIsRegisteredWhileTheWriteWaitsIsRecorded() throws Exception {
        Persons.registered(knownPersons); // the projection is up and assigned before the race below
        Readiness.await(); // and the validator is loaded: the race below times the write, not the warm-up
        UUID person = UUID.randomUUID();
        CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> asGateway()
                .body(json(glucose(person, 101)))
                .post("/fhir/Observation")
                .statusCode());

        Thread.sleep(300); // the write is now waiting for an unknown subject
        assertFalse(write.isDone(), "the write must still be waiting for the person");
        PatientEvents.publish(
                PatientEvents.PATIENT_REGISTERED, person, PatientEvents.data(person, "riverside-clinic", "MRN-LATE"));

        assertEquals(201, write.get(30, TimeUnit.SECONDS));
    }
}
