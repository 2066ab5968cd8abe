package io.chartstream.patient.registration;

import io.chartstream.eventsourcing.store.AppendResult;
import io.chartstream.patient.registration.domain.Person;

import java.util.Optional;

/**
 * What a registration did: the person as it now is, whether it is a new person, and the
 * append (empty when nothing new was learnt: an idempotent repeat or a conditional-create hit).
 */
public record RegistrationOutcome(Person person, boolean created, Optional<AppendResult> appended) {

    static RegistrationOutcome unchanged(Person person) {
        return new RegistrationOutcome(person, false, Optional.empty());
    }
}
