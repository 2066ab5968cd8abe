package io.chartstream.patient.registration.application;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.eventsourcing.decider.Decision;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.matching.domain.MatchRecord;
import io.chartstream.patient.matching.domain.ProbabilisticMatcher;
import io.chartstream.patient.matching.domain.UncorroboratedLink;
import io.chartstream.patient.matching.infrastructure.MatchIndex;
import io.chartstream.patient.registration.domain.Demographics;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.Matching;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonCommand;
import io.chartstream.patient.registration.domain.Registration;
import io.chartstream.patient.registration.domain.UncorroboratedLinkFacts;
import io.chartstream.patient.registration.infrastructure.PatientFhirMapper;
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
    private final UncorroboratedLink uncorroboratedLink;
    private final PatientFhirMapper fhir;

    /** The shipped weights and nicknames, read once. */
    private static final ProbabilisticMatcher MATCHER = ProbabilisticMatcher.standard();

    public RegistrationTransaction(
            DataSource dataSource,
            PersonIndex index,
            PersonRepository persons,
            MatchIndex matchIndex,
            UncorroboratedLinkConfig uncorroboratedLink,
            FhirContext fhir) {
        this.dataSource = dataSource;
        this.index = index;
        this.persons = persons;
        this.matchIndex = matchIndex;
        this.uncorroboratedLink = uncorroboratedLink.option();
        this.fhir = new PatientFhirMapper(fhir);
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
            PersonCommand command = Matching.match(
                    registration,
                    known,
                    lookAlikes,
                    scored,
                    MATCHER,
                    uncorroboratedLink,
                    new IndexFacts(c, registration),
                    UUID::randomUUID);
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

    /** Decisions §34's facts, read from the index only when a candidate is certain but for corroboration. */
    private final class IndexFacts implements UncorroboratedLinkFacts {
        private final Connection c;
        private final Registration registration;
        private long records = -1;

        IndexFacts(Connection c, Registration registration) {
            this.c = c;
            this.registration = registration;
        }

        @Override
        public long nameRecords(MatchRecord known) {
            return matchIndex.nameRecords(c, known, (long) (uncorroboratedLink.maxNameShare() * indexRecords()));
        }

        @Override
        public long indexRecords() {
            if (records < 0) {
                records = matchIndex.records(c, uncorroboratedLink.minIndexRecords());
            }
            return records;
        }

        @Override
        public List<Identifier> identifiersOf(UUID person) {
            return persons.load(c, person).identifiers();
        }

        @Override
        public List<Identifier> submittedIdentifiers() {
            return fhir.identifiers(fhir.parse(registration.patient().fhirJson()));
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
