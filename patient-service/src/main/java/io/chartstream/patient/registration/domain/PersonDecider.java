package io.chartstream.patient.registration.domain;

import io.chartstream.patient.registration.domain.PatientEvent.IdentifierLinked;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.PersonCommand.LinkRegistration;
import io.chartstream.patient.registration.domain.PersonCommand.RegisterPerson;

import java.util.ArrayList;
import java.util.List;

/**
 * The person aggregate as two pure functions. Every event carries one identifier, so a
 * registration with several identifiers becomes several events; an (organization, identifier)
 * link the person already has produces nothing, which is what makes re-registering idempotent.
 */
public final class PersonDecider {

    private PersonDecider() {
    }

    public static List<PatientEvent> decide(PersonCommand command, Person state) {
        // Java 17: no pattern switch yet; the interface is sealed, so these two are all there is.
        if (command instanceof RegisterPerson register) {
            return register(register, state);
        }
        return link((LinkRegistration) command, state);
    }

    public static Person evolve(Person state, PatientEvent event) {
        if (event instanceof PatientRegistered registered) {
            return new Person(registered.personId(), state.version() + 1, registered.patient(),
                    List.of(new Person.Link(registered.organization(), registered.identifier())));
        }
        IdentifierLinked linked = (IdentifierLinked) event;
        return state.withLink(new Person.Link(linked.organization(), linked.identifier()));
    }

    public static Person fold(List<? extends PatientEvent> events) {
        Person state = Person.NONE;
        for (PatientEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static List<PatientEvent> register(RegisterPerson command, Person state) {
        if (state.exists()) {
            throw new IllegalStateException("person " + command.personId() + " is already registered");
        }
        Registration r = command.registration();
        List<PatientEvent> events = new ArrayList<>();
        events.add(new PatientRegistered(command.personId(), r.organization(), r.identifiers().get(0), r.patient()));
        // The submission's further identifiers point at the person it has just registered.
        for (Identifier more : r.identifiers().subList(1, r.identifiers().size())) {
            events.add(new IdentifierLinked(command.personId(), r.organization(), more, r.patient(), MatchedOn.IDENTIFIER));
        }
        return events;
    }

    private static List<PatientEvent> link(LinkRegistration command, Person state) {
        if (!state.exists() || !state.personId().equals(command.personId())) {
            throw new IllegalStateException("person " + command.personId() + " is not registered");
        }
        Registration r = command.registration();
        return r.identifiers().stream()
                .filter(id -> !state.hasLink(r.organization(), id))
                .<PatientEvent>map(id -> new IdentifierLinked(command.personId(), r.organization(), id, r.patient(),
                        command.matchedOn()))
                .toList();
    }
}
