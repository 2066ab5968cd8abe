package io.chartstream.clinical.entry.application;

import io.chartstream.clinical.entry.domain.ClinicalEntryEvent;
import io.chartstream.clinical.entry.domain.EntryType;
import io.chartstream.clinical.entry.infrastructure.ClinicalEntryTable;
import io.chartstream.clinical.entry.infrastructure.StoredEntry;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads entries: the current version and searches from clinical_entry, older versions from the event store. */
@ApplicationScoped
public class ClinicalEntryQueries {

    private final DataSource dataSource;
    private final JdbcEventStore store;
    private final EventTypes<ClinicalEntryEvent> types;

    public ClinicalEntryQueries(DataSource dataSource, JdbcEventStore store, EventTypes<ClinicalEntryEvent> types) {
        this.dataSource = dataSource;
        this.store = store;
        this.types = types;
    }

    /** The current version of the entry, when it exists as {@code type}. */
    public Optional<StoredEntry> current(EntryType type, UUID entryId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return ClinicalEntryTable.find(c, entryId)
                    .filter(e -> e.resourceType().equals(type.resourceType()));
        }
    }

    public List<StoredEntry> byPerson(EntryType type, UUID personId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return ClinicalEntryTable.byPerson(c, personId, type.resourceType());
        }
    }

    /** One version of the entry as its event recorded it. */
    public Optional<ClinicalEntryEvent> version(EntryType type, UUID entryId, long version) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<RecordedEvent> events = store.load(c, EntryTransactions.streamOf(entryId), version - 1);
            return events.stream()
                    .filter(e -> e.streamVersion() == version)
                    .map(types::fromRecorded)
                    .filter(e -> e.resourceType().equals(type.resourceType()))
                    .findFirst();
        }
    }
}
