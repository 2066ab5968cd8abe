package io.chartstream.patient.registration.infrastructure;

import io.chartstream.eventsourcing.store.EventStoreException;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.Person;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads persons straight from their streams: the write model is always current. */
@ApplicationScoped
public class PersonReader {

    private final DataSource dataSource;
    private final PersonIndex index;
    private final PersonRepository persons;

    public PersonReader(DataSource dataSource, PersonIndex index, PersonRepository persons) {
        this.dataSource = dataSource;
        this.index = index;
        this.persons = persons;
    }

    public Optional<Person> byId(UUID personId) {
        try (Connection c = dataSource.getConnection()) {
            Person person = persons.load(c, personId);
            return person.exists() ? Optional.of(person) : Optional.empty();
        } catch (SQLException e) {
            throw new EventStoreException("could not read person " + personId, e);
        }
    }

    public List<Person> byIdentifier(Identifier identifier) {
        try (Connection c = dataSource.getConnection()) {
            return index.personOf(c, identifier)
                    .map(id -> List.of(persons.load(c, id)))
                    .orElse(List.of());
        } catch (SQLException e) {
            throw new EventStoreException("could not search by " + identifier, e);
        }
    }

    /** Persons with an identifier of this value in any system. */
    public List<Person> byIdentifierValue(String value) {
        try (Connection c = dataSource.getConnection()) {
            return index.personsWithValue(c, value).stream()
                    .map(id -> persons.load(c, id))
                    .toList();
        } catch (SQLException e) {
            throw new EventStoreException("could not search by identifier value", e);
        }
    }
}
