package io.chartstream.clinical.entry.infrastructure;

import io.chartstream.clinical.entry.domain.ClinicalEntryEvent;
import io.chartstream.clinical.entry.domain.EntryState.EnteredInError;
import io.chartstream.clinical.entry.domain.EntryState.Recorded;
import io.chartstream.eventsourcing.store.RecordedEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the clinical_entry table; every method runs on the caller's connection and transaction. */
public final class ClinicalEntryTable {

    private static final String COLUMNS =
            "select entry_id, person_id, resource_type, version, organization, practitioner, "
                    + "resource::text, recorded_at, updated_at, entered_in_error_at is not null from clinical_entry ";

    private ClinicalEntryTable() {}

    /** Stores the entry's state after {@code event}, appended as {@code recorded}. */
    public static void save(Connection c, Recorded state, ClinicalEntryEvent event, RecordedEvent recorded)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into clinical_entry (entry_id, person_id, resource_type, version, organization, practitioner,
                                            resource, last_position, recorded_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                on conflict (entry_id) do update set version = excluded.version, practitioner = excluded.practitioner,
                    resource = excluded.resource, last_position = excluded.last_position, updated_at = excluded.updated_at
                """)) {
            Timestamp at = Timestamp.from(recorded.recordedAt());
            ps.setObject(1, state.entryId());
            ps.setObject(2, state.personId());
            ps.setString(3, state.type().resourceType());
            ps.setLong(4, state.version());
            ps.setString(5, state.organization());
            ps.setString(6, event.practitioner());
            ps.setString(7, state.resource().json());
            ps.setLong(8, recorded.position());
            ps.setTimestamp(9, at);
            ps.setTimestamp(10, at);
            ps.executeUpdate();
        }
    }

    /** Marks the entry entered in error, keeping {@code state}'s marked last version as its resource. */
    public static void markEnteredInError(
            Connection c, EnteredInError state, ClinicalEntryEvent event, RecordedEvent recorded) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update clinical_entry set version = ?, practitioner = ?, resource = ?::jsonb, last_position = ?,
                    updated_at = ?, entered_in_error_at = ?
                where entry_id = ?
                """)) {
            Timestamp at = Timestamp.from(recorded.recordedAt());
            ps.setLong(1, state.version());
            ps.setString(2, event.practitioner());
            ps.setString(3, state.resource().json());
            ps.setLong(4, recorded.position());
            ps.setTimestamp(5, at);
            ps.setTimestamp(6, at);
            ps.setObject(7, state.entryId());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("entry " + state.entryId() + " has no clinical_entry row to mark");
            }
        }
    }

    /** The entry's row, also when it was entered in error ({@link StoredEntry#enteredInError()}). */
    public static Optional<StoredEntry> find(Connection c, UUID entryId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + "where entry_id = ?")) {
            ps.setObject(1, entryId);
            List<StoredEntry> found = read(ps);
            return found.stream().findFirst();
        }
    }

    /** The person's entries of one resource type, oldest first; none entered in error. */
    public static List<StoredEntry> byPerson(Connection c, UUID personId, String resourceType) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                COLUMNS + "where person_id = ? and resource_type = ? and entered_in_error_at is null "
                        + "order by recorded_at, entry_id")) {
            ps.setObject(1, personId);
            ps.setString(2, resourceType);
            return read(ps);
        }
    }

    private static List<StoredEntry> read(PreparedStatement ps) throws SQLException {
        List<StoredEntry> entries = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                entries.add(new StoredEntry(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9).toInstant(),
                        rs.getBoolean(10)));
            }
        }
        return entries;
    }
}
