package io.chartstream.patient.registration.infrastructure;

import io.chartstream.patient.registration.domain.PatientEvent.PersonsMerged;
import io.chartstream.patient.registration.domain.PatientEvent.PersonsUnmerged;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * {@link #survivorOf} for many persons in one statement (the candidates of a registration):
     * each person's survivor, itself when it was never merged.
     */
    public static Map<UUID, UUID> survivorsOf(Connection c, Collection<UUID> personIds) throws SQLException {
        Map<UUID, UUID> survivors = new HashMap<>();
        personIds.forEach(p -> survivors.put(p, p));
        if (personIds.isEmpty()) {
            return survivors;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                with recursive walk (person, current, depth) as (
                    select m.merged_person_id, m.survivor_person_id, 1 from mpi_merge m
                    where m.merged_person_id = any(?)
                    union all
                    select w.person, m.survivor_person_id, w.depth + 1
                    from walk w join mpi_merge m on m.merged_person_id = w.current
                    where w.depth < ?
                )
                select distinct on (person) person, current, depth from walk order by person, depth desc
                """)) {
            ps.setArray(1, c.createArrayOf("uuid", personIds.toArray()));
            ps.setInt(2, MAX_CHAIN);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(3) >= MAX_CHAIN) {
                        throw new IllegalStateException("merges of " + rs.getObject(1) + " do not end");
                    }
                    survivors.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                }
            }
        }
        return survivors;
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
