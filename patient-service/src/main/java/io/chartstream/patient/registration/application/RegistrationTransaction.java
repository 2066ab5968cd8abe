package io.chartstream.patient.registration.application;

import io.chartstream.eventsourcing.decider.Decision;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.registration.domain.Demographics;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.Matching;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonCommand;
import io.chartstream.patient.registration.domain.Registration;
import io.chartstream.patient.registration.infrastructure.PersonIndex;
import io.chartstream.patient.registration.infrastructure.PersonRepository;
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
    public RegistrationOutcome attempt(
            Registration registration, Optional<Identifier> ifNoneExist, EventMetadata metadata) {
        try (Connection c = dataSource.getConnection()) {
            if (ifNoneExist.isPresent()) {
                Optional<UUID> existing = index.personOf(c, ifNoneExist.get());
                if (existing.isPresent()) {
                    return RegistrationOutcome.unchanged(persons.load(c, existing.get()));
                }
            }
            Map<Identifier, UUID> known = index.personsOf(c, registration.identifiers());
            List<Person> lookAlikes = List.of();
            Optional<Demographics.MatchKey> key =
                    registration.patient().demographics().matchKey();
            if (known.isEmpty() && key.isPresent()) {
                // Look-alikes queue on their key; once through, look the identifiers up again:
                // the registration ahead in the queue may have brought one of them.
                index.lockDemographics(c, key.get());
                known = index.personsOf(c, registration.identifiers());
                lookAlikes = known.isEmpty() ? lookAlikes(c, key.get()) : List.of();
            }
            PersonCommand command = Matching.match(registration, known, lookAlikes, UUID::randomUUID);
            Decision<Person, PatientEvent> decision = persons.decide(c, command);
            if (decision.changesNothing()) {
                return RegistrationOutcome.unchanged(decision.state());
            }
            // the identifier index first: its unique constraint is what detects a concurrent registration
            index.record(c, decision.events());
            Handled<Person, PatientEvent> handled = persons.append(c, decision, metadata);
            return new RegistrationOutcome(
                    handled.after(), !handled.before().exists(), Optional.of(handled.position()));
        } catch (SQLException e) {
            throw new EventStoreException("could not register the patient", e);
        }
    }

    private List<Person> lookAlikes(Connection c, Demographics.MatchKey key) {
        return index.findByDemographics(c, key).stream()
                .map(id -> persons.load(c, id))
                .toList();
    }
}
