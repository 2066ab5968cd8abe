package io.chartstream.patient.merge.application;

import io.chartstream.eventsourcing.decider.Decision;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.registration.domain.MergeRefused;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonCommand;
import io.chartstream.patient.registration.domain.PersonCommand.MergePersons;
import io.chartstream.patient.registration.domain.PersonCommand.UnmergePersons;
import io.chartstream.patient.registration.infrastructure.PersonIndex;
import io.chartstream.patient.registration.infrastructure.PersonRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Merge and unmerge, each in one transaction: decided on the merged person's stream and on the
 * survivor's (PersonDecider), both decisions indexed ({@code mpi_merge}) and appended, so the two
 * streams never disagree. Both streams are locked (in one order) before they are read, so merges
 * sharing a person queue and each is decided on what the one before wrote: of A into B and B into
 * A, or A into B and A into C, the second is refused (409). Any other concurrent write to either
 * stream fails the append (409 to the caller).
 */
@ApplicationScoped
public class PersonMerges {

    private final DataSource dataSource;
    private final PersonRepository persons;
    private final PersonIndex index;

    public PersonMerges(DataSource dataSource, PersonRepository persons, PersonIndex index) {
        this.dataSource = dataSource;
        this.persons = persons;
        this.index = index;
    }

    /** What was decided; {@code position} 0 when it was so already and nothing was written. */
    public record Outcome(UUID mergeId, UUID survivorPersonId, UUID mergedPersonId, long position) {}

    /** {@link UnknownPerson} for a person never registered, {@link MergeRefused} for a merge their states refuse. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome merge(UUID survivor, UUID merged, String reason, EventMetadata metadata) {
        try (Connection c = dataSource.getConnection()) {
            return merge(c, survivor, merged, reason, null, metadata);
        } catch (SQLException e) {
            throw new EventStoreException("could not merge the persons", e);
        }
    }

    /** The merge on the caller's connection and transaction (a review's link decides it with its decision). */
    public Outcome merge(
            Connection c, UUID survivor, UUID merged, String reason, UUID reviewId, EventMetadata metadata) {
        requireKnown(c, survivor);
        requireKnown(c, merged);
        UUID mergeId = UUID.randomUUID();
        return both(
                c,
                survivor,
                merged,
                person -> new MergePersons(person, mergeId, survivor, merged, reason, reviewId),
                metadata);
    }

    /** Undoes the merge of {@code merged} into the person that replaced it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome unmerge(UUID merged, String reason, EventMetadata metadata) {
        try (Connection c = dataSource.getConnection()) {
            Person person = requireKnown(c, merged);
            if (!person.isMerged()) {
                throw new MergeRefused("person " + merged + " is not merged into anyone");
            }
            UUID survivor = person.merges().replacedBy().personId();
            return both(c, survivor, merged, p -> new UnmergePersons(p, survivor, merged, reason), metadata);
        } catch (SQLException e) {
            throw new EventStoreException("could not unmerge the persons", e);
        }
    }

    private Outcome both(
            Connection c, UUID survivor, UUID merged, Function<UUID, PersonCommand> command, EventMetadata metadata) {
        persons.lock(c, List.of(survivor, merged));
        List<Decision<Person, PatientEvent>> decisions =
                List.of(persons.decide(c, command.apply(merged)), persons.decide(c, command.apply(survivor)));
        List<PatientEvent> events = new ArrayList<>();
        decisions.forEach(d -> events.addAll(d.events()));
        index.record(c, events);
        long position = 0;
        for (Decision<Person, PatientEvent> d : decisions) {
            position = Math.max(position, persons.append(c, d, metadata).position());
        }
        // nothing decided means merged so already: the merged person's state names the merge
        UUID mergeId = events.stream()
                .map(e -> ((PatientEvent.PersonMergeEvent) e).mergeId())
                .findFirst()
                .orElseGet(() -> decisions.get(0).state().merges().replacedBy().mergeId());
        return new Outcome(mergeId, survivor, merged, position);
    }

    private Person requireKnown(Connection c, UUID personId) {
        Person person = persons.load(c, personId);
        if (!person.exists()) {
            throw new UnknownPerson("no person " + personId);
        }
        return person;
    }
}
