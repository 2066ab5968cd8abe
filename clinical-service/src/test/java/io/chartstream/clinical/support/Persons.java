package io.chartstream.clinical.support;

import io.chartstream.clinical.person.infrastructure.KnownPersons;

import java.time.Duration;
import java.util.UUID;

/** Makes a person known to clinical-service the real way: a PatientRegistered event, then waits for the projection. */
public final class Persons {

    private Persons() {}

    public static UUID registered(KnownPersons knownPersons) throws Exception {
        UUID personId = PatientEvents.registerNewPerson();
        if (!knownPersons.awaitKnown(personId, Duration.ofSeconds(60))) {
            throw new AssertionError("known-persons did not learn Patient/" + personId + " within 60 s");
        }
        return personId;
    }
}
