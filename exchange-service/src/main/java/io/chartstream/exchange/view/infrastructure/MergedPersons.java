package io.chartstream.exchange.view.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code person_merge}, by unqualified name like {@link ViewTables}: which person each merged
 * person is replaced by (decisions §21). Every table of the record stays keyed by the person that
 * owns a row; a merged group (a survivor and everyone merged into it, at any depth) is read as one
 * person, and its views are keyed by the survivor.
 */
final class MergedPersons {

    static final String DDL = """
            create table if not exists person_merge (
                merged_person_id uuid primary key,
                survivor_person_id uuid not null,
                merge_id uuid not null)""";

    /** Merges are a forest (patient-service refuses anything else): this only bounds a corrupted walk. */
    private static final int MAX_DEPTH = 64;

    private MergedPersons() {}

    /** Records the merge; false when it was recorded already (its copy on the other person's stream). */
    static boolean merged(Connection c, UUID mergeId, UUID survivor, UUID merged) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into person_merge (merged_person_id, survivor_person_id, merge_id) values (?, ?, ?)
                on conflict do nothing""")) {
            ps.setObject(1, merged);
            ps.setObject(2, survivor);
            ps.setObject(3, mergeId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Forgets the merge; false when it was undone already (or never applied). */
    static boolean unmerged(Connection c, UUID mergeId, UUID merged) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("delete from person_merge where merged_person_id = ? and merge_id = ?")) {
            ps.setObject(1, merged);
            ps.setObject(2, mergeId);
            return ps.executeUpdate() == 1;
        }
    }

    /** The person of its own that {@code personId} is part of: itself unless it was merged. */
    static UUID survivorOf(Connection c, UUID personId) throws SQLException {
        UUID current = personId;
        try (PreparedStatement ps =
                c.prepareStatement("select survivor_person_id from person_merge where merged_person_id = ?")) {
            for (int i = 0; i < MAX_DEPTH; i++) {
                ps.setObject(1, current);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return current;
                    }
                    current = rs.getObject(1, UUID.class);
                }
            }
        }
        throw new IllegalStateException("the merges of " + personId + " do not end");
    }

    /** {@code root} and every person merged into it, at any depth; root first. */
    static List<UUID> group(Connection c, UUID root) throws SQLException {
        Set<UUID> members = new LinkedHashSet<>(List.of(root));
        List<UUID> next = List.of(root);
        try (PreparedStatement ps =
                c.prepareStatement("select merged_person_id from person_merge where survivor_person_id = any(?)")) {
            for (int depth = 0; !next.isEmpty() && depth < MAX_DEPTH; depth++) {
                ps.setArray(1, c.createArrayOf("uuid", next.toArray()));
                List<UUID> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UUID merged = rs.getObject(1, UUID.class);
                        if (members.add(merged)) {
                            found.add(merged);
                        }
                    }
                }
                next = found;
            }
        }
        return List.copyOf(members);
    }

    /** The group {@code personId} belongs to, its survivor first. */
    static List<UUID> groupOf(Connection c, UUID personId) throws SQLException {
        return group(c, survivorOf(c, personId));
    }

    /** Every view row of the group is the survivor's. */
    static void keyViewsBy(Connection c, UUID root, List<UUID> group) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("update org_view_resource set person_id = ? where person_id = any(?)")) {
            ps.setObject(1, root);
            ps.setArray(2, c.createArrayOf("uuid", group.toArray()));
            ps.executeUpdate();
        }
    }

    /** After an unmerge: the view rows of resources owned by {@code separated} are keyed by its survivor again. */
    static void keyViewsOfOwners(Connection c, UUID formerRoot, UUID newRoot, List<UUID> separated)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update org_view_resource o set person_id = ? from person_resource p
                where o.person_id = ? and p.resource_type = o.resource_type and p.resource_id = o.resource_id
                  and p.person_id = any(?)""")) {
            ps.setObject(1, newRoot);
            ps.setObject(2, formerRoot);
            ps.setArray(3, c.createArrayOf("uuid", separated.toArray()));
            ps.executeUpdate();
        }
    }
}
