package io.chartstream.patient.registration;

import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.AppendResult;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.NewEvent;
import io.chartstream.patient.registration.domain.PatientEvent;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.domain.PersonDecider;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

/** Persons as event streams ({@code person-<personId>}) in the service's event store. */
@Singleton
public class PersonRepository {

    private final JdbcEventStore store;
    private final EventTypes<PatientEvent> types;

    public PersonRepository(JdbcEventStore store, PatientEventCodec codec) {
        this.store = store;
        this.types = codec.types();
    }

    public static String streamId(UUID personId) {
        return "person-" + personId;
    }

    /** The person folded from its stream; {@link Person#NONE} when it has no events. */
    public Person load(Connection c, UUID personId) {
        List<PatientEvent> events = store.load(c, streamId(personId), 0).stream().map(types::fromRecorded).toList();
        return PersonDecider.fold(events);
    }

    /** Appends after the version {@code state} was folded at: a concurrent writer makes this fail. */
    public AppendResult append(Connection c, UUID personId, Person state, List<PatientEvent> events, EventMetadata metadata) {
        List<NewEvent> newEvents = events.stream().map(e -> types.toNew(e, personId.toString())).toList();
        return store.append(c, streamId(personId), state.version(), newEvents, metadata);
    }
}
