package io.chartstream.patient.registration.domain;

import io.chartstream.patient.registration.domain.PatientEvent.RegistrationRevised;
import io.chartstream.patient.registration.domain.PersonCommand.ReviseRegistration;

import java.util.List;

/**
 * An organization revising its own registration of a person, as pure functions ({@link
 * PersonDecider} hands them the command and the event). Only the organization that registered the
 * identifier revises it; the same Patient again changes nothing (an HL7 A08 repeats the PID of
 * every event). A revision never re-links: a registration whose new demographics would match
 * another person stays where it is until persons can be merged.
 */
public final class RegistrationRevisions {

    private RegistrationRevisions() {}

    static List<PatientEvent> decide(ReviseRegistration command, Person state) {
        if (!state.exists() || !state.personId().equals(command.personId())) {
            throw new NotTheRegistrant("person " + command.personId() + " is not registered");
        }
        PatientDocument current = state.registrationOf(command.organization(), command.identifier())
                .orElseThrow(() -> new NotTheRegistrant(command.organization() + " has no registration of this person"
                        + " under " + command.identifier() + ": only the organization that registered an identifier"
                        + " revises that registration"));
        if (current.fhirJson().equals(command.patient().fhirJson())) {
            return List.of();
        }
        Person.Link link = new Person.Link(command.organization(), command.identifier());
        return List.of(new RegistrationRevised(
                command.personId(),
                command.organization(),
                command.identifier(),
                command.patient(),
                state.links().get(0).equals(link)));
    }

    static Person evolve(Person state, RegistrationRevised revised) {
        return state.withRevision(
                new Person.Link(revised.organization(), revised.identifier()),
                revised.patient(),
                revised.personDemographics());
    }
}
