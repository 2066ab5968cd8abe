package io.chartstream.exchange.view.infrastructure;

import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.eventsourcing.projection.ViewConsistency;
import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.access.domain.SharingPolicy;
import io.chartstream.exchange.view.domain.RecordEntry;
import io.chartstream.exchange.view.domain.VersionedResource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads an organization's view of a person, for the gateway. */
@ApplicationScoped
public class OrgViews {

    private static final String SCHEMA = Projection.schemaOf(OrgViewsProjection.NAME);

    /**
     * The merged group of the person {@code ?}: {@code root} its survivor, {@code down} every
     * person of the group (MergedPersons; bounded like it).
     */
    private static final String GROUP = "with recursive up(id, depth) as (select ?::uuid, 0 union all"
            + " select m.survivor_person_id, up.depth + 1 from " + SCHEMA + ".person_merge m"
            + " join up on m.merged_person_id = up.id where up.depth < 64),"
            + " root as (select id from up order by depth desc limit 1),"
            + " down(id, depth) as (select id, 0 from root union all"
            + " select m.merged_person_id, down.depth + 1 from " + SCHEMA + ".person_merge m"
            + " join down on m.survivor_person_id = down.id where down.depth < 64) ";

    /** A resource of a view, with when the view last changed it (it entered the view, or a new version did). */
    public record ViewResource(String resourceType, String resourceId, String json, Instant viewUpdatedAt) {

        /** "Type/id": where the next page starts after this resource. */
        public String key() {
            return resourceType + "/" + resourceId;
        }
    }

    private final DataSource dataSource;

    public OrgViews(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The bases on which the organization may see the person now: relationships that have not
     * ended and whose planned end has not passed (the expiry job ends those a moment later), with
     * any person of the merged group the person is part of (decisions §21).
     */
    public Set<Basis> activeBases(UUID personId, String organization) throws SQLException {
        Set<Basis> bases = EnumSet.noneOf(Basis.class);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(GROUP + "select basis from " + SCHEMA
                        + ".care_relationship_basis where person_id in (select id from down) and organization = ?"
                        + " and ended_at is null and (ends_at is null or ends_at > now())")) {
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

    /** The survivor the person is merged into (at any depth), or the person itself. */
    public UUID survivorOf(UUID personId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(GROUP + "select id from root")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : personId;
            }
        }
    }

    /** One care relationship of an organization with the person, as the patient's sharing page shows it. */
    public record RelationshipRecord(
            String organization,
            Basis basis,
            String detail,
            String actor,
            Instant startedAt,
            Instant endsAt,
            Instant endedAt,
            String endReason,
            boolean active) {}

    /** Every person of the merged group the person is part of, the survivor first; just the person when not merged. */
    public List<UUID> groupOf(UUID personId) throws SQLException {
        List<UUID> group = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(GROUP + "select id from down order by depth, id")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    group.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return group.isEmpty() ? List.of(personId) : group;
    }

    /**
     * Every relationship any organization has or had with any person of the person's merged group
     * (each once: a relationship is one person's), newest first; active when it has not ended and
     * its planned end has not passed.
     */
    public List<RelationshipRecord> relationshipsOf(UUID personId) throws SQLException {
        List<RelationshipRecord> relationships = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(GROUP + "select organization, basis, detail, actor,"
                        + " started_at, ends_at, ended_at, end_reason,"
                        + " (ended_at is null and (ends_at is null or ends_at > now())) from " + SCHEMA
                        + ".care_relationship_basis where person_id in (select id from down)"
                        + " order by started_at desc, organization")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    relationships.add(new RelationshipRecord(
                            rs.getString(1),
                            Basis.fromWireName(rs.getString(2)),
                            rs.getString(3),
                            rs.getString(4),
                            instant(rs.getTimestamp(5)),
                            instant(rs.getTimestamp(6)),
                            instant(rs.getTimestamp(7)),
                            rs.getString(8),
                            rs.getBoolean(9)));
                }
            }
        }
        return relationships;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Whether the record of every person holds the person (their Patient). */
    public boolean knows(UUID personId) throws SQLException {
        return personOf("Patient", personId.toString()).isPresent();
    }

    /** A relationship of the organization with a person that is due to end: an attestation or emergency access. */
    public record Due(UUID personId, String organization, String relationshipId) {}

    /** Relationships whose planned end has passed and that no event has ended yet. */
    public List<Due> dueToEnd(int limit) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select person_id, organization, relationship_key from "
                        + SCHEMA + ".care_relationship_basis where ended_at is null and ends_at <= now()"
                        + " order by ends_at limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return due;
    }

    /** Identifier relationships with no write by their organization since {@code idleSince}. */
    public List<Due> idleSince(Instant idleSince, int limit) throws SQLException {
        List<Due> idle = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select person_id, organization, relationship_key from "
                        + SCHEMA + ".care_relationship_basis where ended_at is null and basis = ?"
                        + " and last_activity_at < ? order by last_activity_at limit ?")) {
            ps.setString(1, Basis.IDENTIFIER.wireName());
            ps.setTimestamp(2, Timestamp.from(idleSince));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    idle.add(new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return idle;
    }

    /**
     * Up to {@code limit} of the person's resources in the organization's view (of {@code types},
     * or all when null), Patient first then by type and id, starting after the resource {@code
     * after} ("Type/id"; null: from the start). Keyset order, so a page boundary does not move
     * when resources are added before it.
     */
    public List<ViewResource> resources(String organization, UUID personId, List<String> types, String after, int limit)
            throws SQLException {
        UUID viewed = survivorOf(personId); // a merged person's record is the survivor's
        String afterType = after == null ? null : after.substring(0, after.indexOf('/'));
        String afterId = after == null ? null : after.substring(after.indexOf('/') + 1);
        List<ViewResource> resources = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select resource_type, resource_id, resource::text,"
                        + " updated_at from " + SCHEMA + ".org_view_resource "
                        + "where organization = ? and person_id = ? and (?::text[] is null or resource_type = any(?)) "
                        + "and (?::text is null or (resource_type <> 'Patient', resource_type, resource_id)"
                        + " > (?::text <> 'Patient', ?::text, ?::text)) "
                        + "order by resource_type <> 'Patient', resource_type, resource_id limit ?")) {
            java.sql.Array typeArray = types == null ? null : c.createArrayOf("text", types.toArray());
            ps.setString(1, organization);
            ps.setObject(2, viewed);
            ps.setArray(3, typeArray);
            ps.setArray(4, typeArray);
            ps.setString(5, afterType);
            ps.setString(6, afterType);
            ps.setString(7, afterType);
            ps.setString(8, afterId);
            ps.setInt(9, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    resources.add(new ViewResource(
                            rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4))));
                }
            }
        }
        return resources;
    }

    /** How many resources the person's record holds in the organization's view (of {@code types}, or all). */
    public int countResources(String organization, UUID personId, List<String> types) throws SQLException {
        UUID viewed = survivorOf(personId);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from " + SCHEMA + ".org_view_resource "
                                + "where organization = ? and person_id = ? and (?::text[] is null or resource_type = any(?))")) {
            java.sql.Array typeArray = types == null ? null : c.createArrayOf("text", types.toArray());
            ps.setString(1, organization);
            ps.setObject(2, viewed);
            ps.setArray(3, typeArray);
            ps.setArray(4, typeArray);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * The versions of a resource the exchange received before {@code below}, newest first, each
     * with its own author and labels: the disclosure rules decide, per version, which the caller sees.
     */
    public List<RecordEntry> earlierVersions(String resourceType, String resourceId, long below) throws SQLException {
        List<RecordEntry> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select version, resource::text, author, labels from "
                        + SCHEMA + ".person_resource_version where resource_type = ? and resource_id = ?"
                        + " and version < ? order by version desc")) {
            ps.setString(1, resourceType);
            ps.setString(2, resourceId);
            ps.setLong(3, below);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(new RecordEntry(
                            new VersionedResource(resourceType, resourceId, rs.getLong(1), rs.getString(2)),
                            rs.getString(3),
                            Set.of((String[]) rs.getArray(4).getArray())));
                }
            }
        }
        return versions;
    }

    /** The person's consent in force (the default policy when none was recorded). */
    public SharingPolicy sharingPolicy(UUID personId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select opt_out, blocked, withheld, part2_shared_with from "
                        + SCHEMA + ".sharing_policy where person_id = ?")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return SharingPolicy.DEFAULT;
                }
                return new SharingPolicy(
                        rs.getBoolean(1),
                        Set.of((String[]) rs.getArray(2).getArray()),
                        Set.of((String[]) rs.getArray(3).getArray()),
                        Set.of((String[]) rs.getArray(4).getArray()));
            }
        }
    }

    /** Whose record a resource is part of, from the record of every person; empty when unknown. */
    public Optional<UUID> personOf(String resourceType, String resourceId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select person_id from " + SCHEMA
                        + ".person_resource where resource_type = ? and resource_id = ?")) {
            ps.setString(1, resourceType);
            ps.setString(2, resourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** The persons whose Patient carries the identifier {@code system|value}, in the record of every person. */
    public List<UUID> personsWithIdentifier(String system, String value) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select person_id from " + SCHEMA
                                + ".person_resource where resource_type = 'Patient' and resource @> jsonb_build_object("
                                + "'identifier', jsonb_build_array(jsonb_build_object('system', ?::text, 'value', ?::text)))")) {
            ps.setString(1, system);
            ps.setString(2, value);
            List<UUID> persons = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    persons.add(rs.getObject(1, UUID.class));
                }
            }
            return persons;
        }
    }

    /** One resource of the organization's view, in the version the view holds. */
    public Optional<VersionedResource> resource(String organization, String resourceType, String resourceId)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select version, resource::text from " + SCHEMA
                        + ".org_view_resource " + "where organization = ? and resource_type = ? and resource_id = ?")) {
            ps.setString(1, organization);
            ps.setString(2, resourceType);
            ps.setString(3, resourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new VersionedResource(resourceType, resourceId, rs.getLong(1), rs.getString(2)))
                        : Optional.empty();
            }
        }
    }

    /** Read-your-writes: waits until org-views applied the event at {@code position}. */
    public boolean awaitApplied(ViewConsistency.Position position, Duration timeout)
            throws SQLException, InterruptedException {
        return ViewConsistency.awaitApplied(dataSource, SCHEMA, position, timeout);
    }
}
