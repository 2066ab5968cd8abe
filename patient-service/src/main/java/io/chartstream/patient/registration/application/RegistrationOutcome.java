package io.chartstream.patient.registration.application;

import io.chartstream.patient.registration.domain.Person;

import java.util.Optional;

/**
 * What a registration did: the person as it now is, whether it is a new person, and the
 * global position of its last new event (empty when nothing new was learnt: an idempotent repeat
 * or a conditional-create hit).
 */
public record RegistrationOutcome(Person person, boolean created, Optional<Long> position) {

    public static RegistrationOutcome unchanged(Person person) {
        return new RegistrationOutcome(person, false, Optional.empty());
    }
}
