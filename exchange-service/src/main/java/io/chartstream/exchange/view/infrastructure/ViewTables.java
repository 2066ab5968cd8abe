package io.chartstream.exchange.view.infrastructure;

import io.chartstream.exchange.view.domain.VersionedResource;
import io.chartstream.exchange.view.domain.ViewChange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The org-views tables, by unqualified name: inside {@code apply} the search path points at the
 * live schema or at a rebuild's shadow schema.
 *
 * <ul>
 *   <li>{@code person_resource}: each person's record, the latest version of every resource,
 *       kept so that an organization gaining a relationship later gets the earlier entries;</li>
 *   <li>{@code care_relationship}: which organizations are in care of which person;</li>
 *   <li>{@code org_view_resource}: each organization's view, what the gateway reads.</li>
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
            """
            create table if not exists care_relationship (
                person_id uuid not null,
                organization text not null,
                since timestamptz not null default now(),
                primary key (person_id, organization))""",
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
            "create index if not exists org_view_resource_person on org_view_resource (organization, person_id)");

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

    static List<VersionedResource> personRecord(Connection c, UUID personId) throws SQLException {
        List<VersionedResource> record = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select resource_type, resource_id, version, resource::text from person_resource
                where person_id = ? order by resource_type, resource_id""")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    record.add(new VersionedResource(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
                }
            }
        }
        return record;
    }

    static void putPersonResource(Connection c, UUID personId, VersionedResource r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into person_resource (resource_type, resource_id, person_id, version, resource)
                values (?, ?, ?, ?, ?::jsonb)
                on conflict (resource_type, resource_id) do update
                    set version = excluded.version, resource = excluded.resource
                    where person_resource.version < excluded.version""")) {
            ps.setString(1, r.resourceType());
            ps.setString(2, r.id());
            ps.setObject(3, personId);
            ps.setLong(4, r.version());
            ps.setString(5, r.json());
            ps.executeUpdate();
        }
    }

    static List<String> organizationsInCare(Connection c, UUID personId) throws SQLException {
        List<String> orgs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select organization from care_relationship where person_id = ? order by organization")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orgs.add(rs.getString(1));
                }
            }
        }
        return orgs;
    }

    static void addRelationship(Connection c, UUID personId, String organization) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into care_relationship (person_id, organization) values (?, ?) on conflict do nothing")) {
            ps.setObject(1, personId);
            ps.setString(2, organization);
            ps.executeUpdate();
        }
    }

    static void applyToViews(Connection c, List<ViewChange> changes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into org_view_resource (organization, resource_type, resource_id, person_id, version, resource)
                values (?, ?, ?, ?, ?, ?::jsonb)
                on conflict (organization, resource_type, resource_id) do update
                    set version = excluded.version, resource = excluded.resource, updated_at = now()
                    where org_view_resource.version < excluded.version""")) {
            for (ViewChange change : changes) {
                VersionedResource r = change.resource();
                ps.setString(1, change.organization());
                ps.setString(2, r.resourceType());
                ps.setString(3, r.id());
                ps.setObject(4, change.personId());
                ps.setLong(5, r.version());
                ps.setString(6, r.json());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
