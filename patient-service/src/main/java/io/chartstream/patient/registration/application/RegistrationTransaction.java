package io.chartstream.patient.registration.application;

import io.chartstream.eventsourcing.decider.Decision;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.matching.domain.MatchRecord;
import io.chartstream.patient.matching.domain.ProbabilisticMatcher;
import io.chartstream.patient.matching.infrastructure.MatchIndex;
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
    private final MatchIndex matchIndex;

    /** The shipped weights and nicknames, read once. */
    private static final ProbabilisticMatcher MATCHER = ProbabilisticMatcher.standard();

    public RegistrationTransaction(
            DataSource dataSource, PersonIndex index, PersonRepository persons, MatchIndex matchIndex) {
        this.dataSource = dataSource;
        this.index = index;
        this.persons = persons;
        this.matchIndex = matchIndex;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RegistrationOutcome attempt(
            Registration registration, Optional<Identifier> ifNoneExist, EventMetadata metadata) {
        try (Connection c = dataSource.getConnection()) {
            Survivors survivors = new Survivors(c);
            if (ifNoneExist.isPresent()) {
                Optional<UUID> existing = index.personOf(c, ifNoneExist.get());
                if (existing.isPresent()) {
                    return RegistrationOutcome.unchanged(persons.load(c, survivors.of(existing.get())));
                }
            }
            Map<Identifier, UUID> known = survivors.known(index.personsOf(c, registration.identifiers()));
            List<Person> lookAlikes = List.of();
            Map<UUID, List<MatchRecord>> scored = Map.of();
            Demographics demographics = registration.patient().demographics();
            MatchRecord record = demographics.matchRecord();
            if (known.isEmpty()) {
                if (demographics.birthDate() != null) {
                    // Look-alikes queue on their birth date; once through, look the identifiers up
                    // again: the registration ahead in the queue may have brought one of them.
                    matchIndex.lockBirthDate(c, demographics.birthDate());
                    known = survivors.known(index.personsOf(c, registration.identifiers()));
                }
                if (known.isEmpty()) {
                    Optional<Demographics.MatchKey> key = demographics.matchKey();
                    lookAlikes = key.isPresent() ? survivors.lookAlikes(lookAlikes(c, key.get())) : List.of();
                    scored = survivors.scored(matchIndex.candidates(c, record, registration.organization()));
                }
            }
            PersonCommand command = Matching.match(registration, known, lookAlikes, scored, MATCHER, UUID::randomUUID);
            Decision<Person, PatientEvent> decision = persons.decide(c, command);
            if (decision.changesNothing()) {
                return RegistrationOutcome.unchanged(answered(c, survivors, decision.state()));
            }
            // the identifier index first: its unique constraint is what detects a concurrent registration
            index.record(c, decision.events());
            matchIndex.file(c, command.personId(), registration.organization(), record);
            Handled<Person, PatientEvent> handled = persons.append(c, decision, metadata);
            return new RegistrationOutcome(
                    answered(c, survivors, handled.after()),
                    !handled.before().exists(),
                    Optional.of(handled.position()));
        } catch (SQLException e) {
            throw new EventStoreException("could not register the patient", e);
        }
    }

    /** A registration of a merged person is answered as its survivor. */
    private Person answered(Connection c, Survivors survivors, Person person) {
        return person.isMerged() ? persons.load(c, survivors.of(person.personId())) : person;
    }

    private List<Person> lookAlikes(Connection c, Demographics.MatchKey key) {
        return index.findByDemographics(c, key).stream()
                .map(id -> persons.load(c, id))
                .toList();
    }
}
