package io.chartstream.exchange.view.infrastructure;

import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.access.domain.SharingPolicy;
import io.chartstream.exchange.view.domain.RecordEntry;
import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.exchange.view.domain.ViewChange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The org-views tables, by unqualified name: inside {@code apply} the search path points at the
 * live schema or at a rebuild's shadow schema.
 *
 * <ul>
 *   <li>{@code person_resource}: each person's record, the latest version of every resource,
 *       kept so that an organization gaining a relationship later gets the earlier entries;</li>
 *   <li>{@code care_relationship_basis}: each care relationship of an organization with a person,
 *       with its basis, start, planned end ({@code ends_at}) and actual end;</li>
 *   <li>{@code sharing_policy}: each person's consent, the default when there is no row;</li>
 *   <li>{@code org_view_resource}: each organization's view, what the gateway reads;</li>
 *   <li>{@code person_resource_version}: every version of every resource of {@code person_resource}
 *       with its own labels, what history and vread disclose (by the rules, at read time).</li>
 * </ul>
 */
final class ViewTables {

    static final List<String> DDL = List.of(
            """
            create table if not exists person_resource (
                resource_type text not null,
                resource_id text not null,
                person_id uuid not null,
                version bigint not null,
                resource jsonb not null,
                primary key (resource_type, resource_id))""",
            "create index if not exists person_resource_person on person_resource (person_id)",
            "alter table person_resource add column if not exists author text",
            "alter table person_resource add column if not exists labels text[] not null default '{}'",
            // an entry entered in error stays, marked: its person is still known (the gateway's
            // care check of a repeated DELETE) and its last version keeps a late event from adding it back
            "alter table person_resource add column if not exists entered_in_error boolean not null default false",
            // replaced by care_relationship_basis (a relationship has a basis, a start and an end)
            "drop table if exists care_relationship",
            """
            create table if not exists care_relationship_basis (
                person_id uuid not null,
                organization text not null,
                relationship_key text not null,
                basis text not null,
                detail text,
                actor text,
                started_at timestamptz not null,
                ends_at timestamptz,
                ended_at timestamptz,
                end_reason text,
                last_activity_at timestamptz not null,
                primary key (person_id, organization, relationship_key))""",
            "create index if not exists care_relationship_basis_due on care_relationship_basis (ends_at)"
                    + " where ended_at is null",
            """
            create table if not exists sharing_policy (
                person_id uuid primary key,
                opt_out boolean not null,
                blocked text[] not null,
                withheld text[] not null,
                part2_shared_with text[] not null)""",
            """
            create table if not exists org_view_resource (
                organization text not null,
                resource_type text not null,
                resource_id text not null,
                person_id uuid not null,
                version bigint not null,
                resource jsonb not null,
                updated_at timestamptz not null default now(),
                primary key (organization, resource_type, resource_id))""",
            "create index if not exists org_view_resource_person on org_view_resource (organization, person_id)",
            // every version of the record of every person, for history and vread: each version is
            // disclosed by its own labels, so the rules are applied to it when it is read
            """
            create table if not exists person_resource_version (
                resource_type text not null,
                resource_id text not null,
                version bigint not null,
                person_id uuid not null,
                resource jsonb not null,
                author text,
                labels text[] not null,
                primary key (resource_type, resource_id, version))""");

    private ViewTables() {}

    static OptionalLong personVersion(Connection c, String type, String id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("select version from person_resource where resource_type = ? and resource_id = ?")) {
            ps.setString(1, type);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    static Optional<VersionedResource> personResource(Connection c, String type, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select version, resource::text from person_resource where resource_type = ? and resource_id = ?")) {
            ps.setString(1, type);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new VersionedResource(type, id, rs.getLong(1), rs.getString(2)))
                        : Optional.empty();
            }
        }
    }

    /** The person's whole record, or one resource of it ({@code type} and {@code id} non-null); never an entry entered in error. */
    static List<RecordEntry> personRecord(Connection c, UUID personId, String type, String id) throws SQLException {
        List<RecordEntry> record = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select resource_type, resource_id, version, resource::text, author, labels from person_resource
                where person_id = ? and (?::text is null or (resource_type = ? and resource_id = ?))
                  and not entered_in_error
                order by resource_type, resource_id""")) {
            ps.setObject(1, personId);
            ps.setString(2, type);
            ps.setString(3, type);
            ps.setString(4, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    record.add(new RecordEntry(
                            new VersionedResource(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)),
                            rs.getString(5),
                            Set.of((String[]) rs.getArray(6).getArray())));
                }
            }
        }
        return record;
    }

    static void putPersonResource(Connection c, UUID personId, VersionedResource r, String author, Set<String> labels)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into person_resource (resource_type, resource_id, person_id, version, resource, author, labels)
                values (?, ?, ?, ?, ?::jsonb, ?, ?)
                on conflict (resource_type, resource_id) do update
                    set version = excluded.version, resource = excluded.resource, labels = excluded.labels,
                        author = coalesce(person_resource.author, excluded.author)
                    where person_resource.version < excluded.version""")) {
            ps.setString(1, r.resourceType());
            ps.setString(2, r.id());
            ps.setObject(3, personId);
            ps.setLong(4, r.version());
            ps.setString(5, r.json());
            ps.setString(6, author);
            ps.setArray(7, c.createArrayOf("text", labels.toArray()));
            ps.executeUpdate();
        }
        // the entry's author is its first version's (as in person_resource)
        try (PreparedStatement ps = c.prepareStatement("""
                insert into person_resource_version (resource_type, resource_id, version, person_id, resource,
                    author, labels)
                select ?, ?, ?, ?, ?::jsonb, p.author, ? from person_resource p
                where p.resource_type = ? and p.resource_id = ?
                on conflict do nothing""")) {
            ps.setString(1, r.resourceType());
            ps.setString(2, r.id());
            ps.setLong(3, r.version());
            ps.setObject(4, personId);
            ps.setString(5, r.json());
            ps.setArray(6, c.createArrayOf("text", labels.toArray()));
            ps.setString(7, r.resourceType());
            ps.setString(8, r.id());
            ps.executeUpdate();
        }
    }

    /**
     * Marks the entry entered in error in the record of every person, as {@code r} (its last
     * version, marked); ignored when the record already holds a version as new (a redelivery).
     */
    static void markEnteredInError(Connection c, UUID personId, VersionedResource r, String author, Set<String> labels)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into person_resource (resource_type, resource_id, person_id, version, resource, author, labels,
                                             entered_in_error)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, true)
                on conflict (resource_type, resource_id) do update
                    set version = excluded.version, resource = excluded.resource, entered_in_error = true
                    where person_resource.version < excluded.version""")) {
            ps.setString(1, r.resourceType());
            ps.setString(2, r.id());
            ps.setObject(3, personId);
            ps.setLong(4, r.version());
            ps.setString(5, r.json());
            ps.setString(6, author);
            ps.setArray(7, c.createArrayOf("text", labels.toArray()));
            ps.executeUpdate();
        }
    }

    /** The organizations whose view holds the resource. */
    static List<String> organizationsHolding(Connection c, String type, String id) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select organization from org_view_resource where resource_type = ? and resource_id = ?
                order by organization""")) {
            ps.setString(1, type);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.add(rs.getString(1));
                }
            }
        }
        return holders;
    }

    /** Whose record a resource is part of (the person that owns its row). */
    static Optional<UUID> ownerOf(Connection c, String type, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select person_id from person_resource where resource_type = ? and resource_id = ?")) {
            ps.setString(1, type);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** Every organization that has or had a relationship with the person: the views a policy change touches. */
    static List<String> organizationsWithRelationships(Connection c, UUID personId) throws SQLException {
        List<String> orgs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select distinct organization from care_relationship_basis where person_id = ? order by 1")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orgs.add(rs.getString(1));
                }
            }
        }
        return orgs;
    }

    /**
     * The bases of the organization's relationships with the person that have not ended. The
     * projection does not look at the clock (a rebuild gives the same views): a relationship past
     * its end is ended by its CareRelationshipEnded event; the gateway's reads check the time.
     */
    static Set<Basis> activeBases(Connection c, UUID personId, String organization) throws SQLException {
        Set<Basis> bases = EnumSet.noneOf(Basis.class);
        try (PreparedStatement ps = c.prepareStatement("""
                select basis from care_relationship_basis
                where person_id = ? and organization = ? and ended_at is null""")) {
            ps.setObject(1, personId);
            ps.setString(2, organization);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bases.add(Basis.fromWireName(rs.getString(1)));
                }
            }
        }
        return bases;
    }

    record Relationship(
            UUID personId,
            String organization,
            String key,
            Basis basis,
            String detail,
            String actor,
            Instant startedAt,
            Instant endsAt) {}

    /** Starts a relationship; one already known (the same identifier or relationship id) is left as it is. */
    static void startRelationship(Connection c, Relationship r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into care_relationship_basis (person_id, organization, relationship_key, basis, detail, actor,
                    started_at, ends_at, last_activity_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            ps.setObject(1, r.personId());
            ps.setString(2, r.organization());
            ps.setString(3, r.key());
            ps.setString(4, r.basis().wireName());
            ps.setString(5, r.detail());
            ps.setString(6, r.actor());
            ps.setTimestamp(7, Timestamp.from(r.startedAt()));
            ps.setTimestamp(8, r.endsAt() == null ? null : Timestamp.from(r.endsAt()));
            ps.setTimestamp(9, Timestamp.from(r.startedAt()));
            ps.executeUpdate();
        }
    }

    /** Ends one relationship ({@code relationshipId}) or all of the organization's (null). */
    static void endRelationships(
            Connection c, UUID personId, String organization, UUID relationshipId, String reason, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update care_relationship_basis set ended_at = ?, end_reason = ?
                where person_id = ? and organization = ? and ended_at is null
                  and (?::text is null or relationship_key = ?)""")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, reason);
            ps.setObject(3, personId);
            ps.setString(4, organization);
            String key = relationshipId == null ? null : relationshipId.toString();
            ps.setString(5, key);
            ps.setString(6, key);
            ps.executeUpdate();
        }
    }

    /** An organization wrote to the person's record: its relationships are active, not idle. */
    static void touch(Connection c, UUID personId, String organization, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update care_relationship_basis set last_activity_at = greatest(last_activity_at, ?)
                where person_id = ? and organization = ? and ended_at is null""")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, personId);
            ps.setString(3, organization);
            ps.executeUpdate();
        }
    }

    static SharingPolicy sharingPolicy(Connection c, UUID personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select opt_out, blocked, withheld, part2_shared_with from sharing_policy where person_id = ?")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return SharingPolicy.DEFAULT;
                }
                return new SharingPolicy(rs.getBoolean(1), strings(rs, 2), strings(rs, 3), strings(rs, 4));
            }
        }
    }

    static void putSharingPolicy(Connection c, UUID personId, SharingPolicy p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into sharing_policy (person_id, opt_out, blocked, withheld, part2_shared_with)
                values (?, ?, ?, ?, ?)
                on conflict (person_id) do update set opt_out = excluded.opt_out, blocked = excluded.blocked,
                    withheld = excluded.withheld, part2_shared_with = excluded.part2_shared_with""")) {
            ps.setObject(1, personId);
            ps.setBoolean(2, p.optOut());
            ps.setArray(3, c.createArrayOf("text", p.blockedOrganizations().toArray()));
            ps.setArray(4, c.createArrayOf("text", p.withheldCategories().toArray()));
            ps.setArray(5, c.createArrayOf("text", p.part2SharedWith().toArray()));
            ps.executeUpdate();
        }
    }

    /** The versions the organization's view holds of the person's resources, by "type/id". */
    /**
     * The versions {@code organization}'s view holds of the person's record, by {@code Type/id}: all
     * of them, or (with {@code type} and {@code id}) that one entry's, by its key, so a new entry of
     * a long record costs one row, not the whole record.
     */
    static Map<String, Long> heldVersions(Connection c, String organization, UUID personId, String type, String id)
            throws SQLException {
        Map<String, Long> held = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(type == null ? """
                        select resource_type, resource_id, version from org_view_resource
                        where organization = ? and person_id = ?""" : """
                        select resource_type, resource_id, version from org_view_resource
                        where organization = ? and person_id = ? and resource_type = ? and resource_id = ?""")) {
            ps.setString(1, organization);
            ps.setObject(2, personId);
            if (type != null) {
                ps.setString(3, type);
                ps.setString(4, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return held;
    }

    private static Set<String> strings(ResultSet rs, int column) throws SQLException {
        return Set.of((String[]) rs.getArray(column).getArray());
    }

    static void applyToViews(Connection c, List<ViewChange> changes) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                        insert into org_view_resource (organization, resource_type, resource_id, person_id, version,
                            resource)
                        values (?, ?, ?, ?, ?, ?::jsonb)
                        on conflict (organization, resource_type, resource_id) do update
                            set version = excluded.version, resource = excluded.resource, updated_at = now()
                            where org_view_resource.version < excluded.version""");
                PreparedStatement delete = c.prepareStatement(
                        "delete from org_view_resource where organization = ? and resource_type = ? and resource_id = ?")) {
            for (ViewChange change : changes) {
                VersionedResource r = change.resource();
                if (change.change().leavesView()) {
                    delete.setString(1, change.organization());
                    delete.setString(2, r.resourceType());
                    delete.setString(3, r.id());
                    delete.addBatch();
                    continue;
                }
                upsert.setString(1, change.organization());
                upsert.setString(2, r.resourceType());
                upsert.setString(3, r.id());
                upsert.setObject(4, change.personId());
                upsert.setLong(5, r.version());
                upsert.setString(6, r.json());
                upsert.addBatch();
            }
            upsert.executeBatch();
            delete.executeBatch();
        }
    }
}
