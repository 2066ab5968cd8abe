package io.chartstream.patient.registration;

import io.chartstream.eventsourcing.store.AppendResult;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.registration.domain.Demographics;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.Matching;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonCommand;
import io.chartstream.patient.registration.domain.PersonDecider;
import io.chartstream.patient.registration.domain.Registration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One attempt at a registration, in one database transaction: look candidates up, match,
 * decide, then index and append on the same connection, so events, outbox rows and the
 * lookup tables commit together.
 */
@ApplicationScoped
public class RegistrationTransaction {

    private final DataSource dataSource;
    private final PersonIndex index;
    private final PersonRepository persons;

    public RegistrationTransaction(DataSource dataSource, PersonIndex index, PersonRepository persons) {
        this.dataSource = dataSource;
        this.index = index;
        this.persons = persons;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RegistrationOutcome attempt(Registration registration, Optional<Identifier> ifNoneExist, EventMetadata metadata) {
        try (Connection c = dataSource.getConnection()) {
            if (ifNoneExist.isPresent()) {
                Optional<UUID> existing = index.personOf(c, ifNoneExist.get());
                if (existing.isPresent()) {
                    return RegistrationOutcome.unchanged(persons.load(c, existing.get()));
                }
            }
            Map<Identifier, UUID> known = index.personsOf(c, registration.identifiers());
            List<Person> lookAlikes = List.of();
            Optional<Demographics.MatchKey> key = registration.patient().demographics().matchKey();
            if (known.isEmpty() && key.isPresent()) {
                // Look-alikes queue on their key; once through, look the identifiers up again:
                // the registration ahead in the queue may have brought one of them.
                index.lockDemographics(c, key.get());
                known = index.personsOf(c, registration.identifiers());
                lookAlikes = known.isEmpty() ? lookAlikes(c, key.get()) : List.of();
            }
            PersonCommand command = Matching.match(registration, known, lookAlikes, UUID::randomUUID);
            Person state = command instanceof PersonCommand.RegisterPerson ? Person.NONE : persons.load(c, command.personId());
            List<PatientEvent> events = PersonDecider.decide(command, state);
            if (events.isEmpty()) {
                return RegistrationOutcome.unchanged(state);
            }
            index.record(c, events);
            AppendResult appended = persons.append(c, command.personId(), state, events, metadata);
            Person after = state;
            for (PatientEvent event : events) {
                after = PersonDecider.evolve(after, event);
            }
            return new RegistrationOutcome(after, !state.exists(), Optional.of(appended));
        } catch (SQLException e) {
            throw new EventStoreException("could not register the patient", e);
        }
    }

    private List<Person> lookAlikes(Connection c, Demographics.MatchKey key) {
        return index.findByDemographics(c, key).stream().map(id -> persons.load(c, id)).toList();
    }
}
