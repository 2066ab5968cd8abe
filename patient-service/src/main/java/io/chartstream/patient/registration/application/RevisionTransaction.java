package io.chartstream.patient.registration.application;

import io.chartstream.eventsourcing.decider.Decision;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.NotTheRegistrant;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonCommand.ReviseRegistration;
import io.chartstream.patient.registration.domain.Registration;
import io.chartstream.patient.registration.infrastructure.PersonIndex;
import io.chartstream.patient.registration.infrastructure.PersonRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's revision of its own registration, in one database transaction: the person
 * its identifier names (or the person it names by id, of whom it must hold that identifier),
 * decided on the person's stream, appended with its outbox row. No matching runs: a revision
 * never moves a registration to another person (re-matching waits for merge).
 */
@ApplicationScoped
public class RevisionTransaction {

    private final DataSource dataSource;
    private final PersonIndex index;
    private final PersonRepository persons;

    public RevisionTransaction(DataSource dataSource, PersonIndex index, PersonRepository persons) {
        this.dataSource = dataSource;
        this.index = index;
        this.persons = persons;
    }

    /**
     * Revises the registration {@code registration} names by {@code identifier} (one of its own);
     * empty when no person has that identifier (the caller registers instead).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<RegistrationOutcome> byIdentifier(
            Registration registration, Identifier identifier, EventMetadata metadata) {
        try (Connection c = dataSource.getConnection()) {
            Optional<UUID> person = index.personOf(c, identifier);
            if (person.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(revise(c, person.get(), registration, identifier, metadata));
        } catch (SQLException e) {
            throw new EventStoreException("could not revise the registration", e);
        }
    }

    /**
     * Revises the organization's registration of {@code personId}: the first of the submission's
     * own identifiers the organization registered that person under. Empty when the person is unknown.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<RegistrationOutcome> ofPerson(UUID personId, Registration registration, EventMetadata metadata) {
        try (Connection c = dataSource.getConnection()) {
            Person person = persons.load(c, personId);
            if (!person.exists()) {
                return Optional.empty();
            }
            Identifier identifier = registration.identifiers().stream()
                    .filter(i -> person.hasLink(registration.organization(), i))
                    .findFirst()
                    .orElseThrow(() -> new NotTheRegistrant(registration.organization()
                            + " has not registered this person under any identifier the Patient carries: only the"
                            + " organization that registered an identifier revises that registration"));
            return Optional.of(revise(c, personId, registration, identifier, metadata));
        } catch (SQLException e) {
            throw new EventStoreException("could not revise the registration", e);
        }
    }

    private RegistrationOutcome revise(
            Connection c, UUID personId, Registration registration, Identifier identifier, EventMetadata metadata) {
        Decision<Person, PatientEvent> decision = persons.decide(
                c, new ReviseRegistration(personId, registration.organization(), identifier, registration.patient()));
        if (decision.changesNothing()) {
            return RegistrationOutcome.unchanged(decision.state());
        }
        index.record(c, decision.events());
        Handled<Person, PatientEvent> handled = persons.append(c, decision, metadata);
        return new RegistrationOutcome(handled.after(), false, Optional.of(handled.position()));
    }
}
