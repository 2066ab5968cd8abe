package io.chartstream.patient.registration.infrastructure;

import io.chartstream.eventsourcing.decider.CommandHandler;
import io.chartstream.eventsourcing.decider.Decision;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonCommand;
import io.chartstream.patient.registration.domain.PersonDecider;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Collection;
import java.util.UUID;

/** Persons as event streams ({@code person-<personId>}) in the service's event store, through the runtime's command handler. */
@Singleton
public class PersonRepository {

    private final CommandHandler<PersonCommand, PatientEvent, Person> handler;
    private final JdbcEventStore store;

    public PersonRepository(JdbcEventStore store, PatientEventCodec codec) {
        this.store = store;
        this.handler = new CommandHandler<>(
                store, codec.types(), PersonDecider.INSTANCE, e -> e.personId().toString());
    }

    public static String streamId(UUID personId) {
        return "person-" + personId;
    }

    /**
     * Locks the persons' streams until the transaction ends, always in one order: a merge locks
     * both persons before it reads them, so two merges sharing a person run one after the other
     * and the second is decided on what the first wrote (never a deadlock, never a cycle).
     */
    public void lock(Connection c, Collection<UUID> personIds) {
        store.lockStreams(c, personIds.stream().map(PersonRepository::streamId).toList());
    }

    /** The person folded from its stream; {@link Person#NONE} when it has no events. */
    public Person load(Connection c, UUID personId) {
        return handler.load(c, streamId(personId)).state();
    }

    /** Decides {@code command} on the person's current stream, writing nothing yet. */
    public Decision<Person, PatientEvent> decide(Connection c, PersonCommand command) {
        return handler.decide(c, streamId(command.personId()), command);
    }

    /** Appends at the version the decision was made on: a concurrent writer makes this fail. */
    public Handled<Person, PatientEvent> append(
            Connection c, Decision<Person, PatientEvent> decision, EventMetadata metadata) {
        return handler.append(c, decision, metadata);
    }
}
