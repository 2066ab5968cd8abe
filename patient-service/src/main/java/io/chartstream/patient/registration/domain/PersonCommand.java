package io.chartstream.patient.registration.domain;

import java.util.UUID;

/** What the MPI decided to do with a registration, once matching has run. */
public sealed interface PersonCommand {

    UUID personId();

    Registration registration();

    /** No existing person matched: register a new enterprise person under this id. */
    record RegisterPerson(UUID personId, Registration registration) implements PersonCommand {}

    /** The registration is this existing person, matched as {@code matchedOn} says. */
    record LinkRegistration(UUID personId, Registration registration, MatchedOn matchedOn) implements PersonCommand {}
}
