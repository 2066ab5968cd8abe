package io.chartstream.patient.registration.infrastructure;

import io.chartstream.patient.registration.domain.PatientEvent.PersonsMerged;
import io.chartstream.patient.registration.domain.PatientEvent.PersonsUnmerged;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * {@code mpi_merge}: merged person to survivor, derived from the merge events (one row per merged
 * person, written from the copy on its own stream). {@link #survivorOf} follows a chain of merges.
 */
public final class MergeTable {

    /** Merges form a forest (PersonMerging): this bounds a walk over a corrupted table, nothing else. */
    private static final int MAX_CHAIN = 64;

    private MergeTable() {}

    static void merged(Connection c, PersonsMerged merged) throws SQLException {
        if (!merged.onMergedPersonStream()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into mpi_merge (merged_person_id, survivor_person_id, merge_id) values (?, ?, ?)
                on conflict (merged_person_id) do update set survivor_person_id = excluded.survivor_person_id,
                    merge_id = excluded.merge_id, merged_at = now()
                """)) {
            ps.setObject(1, merged.mergedPersonId());
            ps.setObject(2, merged.survivorPersonId());
            ps.setObject(3, merged.mergeId());
            ps.executeUpdate();
        }
    }

    static void unmerged(Connection c, PersonsUnmerged unmerged) throws SQLException {
        if (!unmerged.onMergedPersonStream()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from mpi_merge where merged_person_id = ?")) {
            ps.setObject(1, unmerged.mergedPersonId());
            ps.executeUpdate();
        }
    }

    /** The person of its own that {@code personId} is now: itself unless it was merged. */
    public static UUID survivorOf(Connection c, UUID personId) throws SQLException {
        UUID current = personId;
        try (PreparedStatement ps =
                c.prepareStatement("select survivor_person_id from mpi_merge where merged_person_id = ?")) {
            for (int i = 0; i < MAX_CHAIN; i++) {
                ps.setObject(1, current);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return current;
                    }
                    current = rs.getObject(1, UUID.class);
                }
            }
        }
        throw new IllegalStateException("merges of " + personId + " do not end");
    }
}
