package io.chartstream.exchange.organization.infrastructure;

import io.chartstream.exchange.organization.domain.Organization;
import io.chartstream.exchange.organization.domain.RegistrationRejected;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code organization} state table, on the caller's connection (and so its transaction). */
@ApplicationScoped
public class OrganizationTable {

    private static final String SELECT =
            "select org_id, name, webhook_url, identifier_systems, facilities, version from organization";

    public Optional<Organization> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " where org_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The organization a sending facility (MSH-4 namespace id) belongs to. */
    public Optional<Organization> byFacility(Connection c, String facility) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                SELECT + " where org_id = (select org_id from organization_facility where facility = ?)")) {
            ps.setString(1, facility);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public List<Organization> all(Connection c) throws SQLException {
        List<Organization> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT + " order by org_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs));
            }
        }
        return all;
    }

    public void insert(Connection c, Organization organization, String webhookSecret) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into organization"
                + " (org_id, name, webhook_url, webhook_secret, identifier_systems, facilities, version)"
                + " values (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, organization.id());
            ps.setString(2, organization.name());
            ps.setString(3, organization.webhookUrl());
            ps.setString(4, webhookSecret);
            ps.setArray(
                    5, c.createArrayOf("text", organization.identifierSystems().toArray()));
            ps.setArray(6, c.createArrayOf("text", organization.facilities().toArray()));
            ps.setLong(7, organization.version());
            ps.executeUpdate();
        }
        for (String system : organization.identifierSystems()) {
            bind(c, system, organization.id());
        }
        for (String facility : organization.facilities()) {
            bindFacility(c, facility, organization.id());
        }
    }

    /** Binds a system to the organization; a system bound to another organization is refused. */
    private static void bind(Connection c, String system, String organization) throws SQLException {
        bindOnce(
                c,
                "insert into organization_identifier_system (system, org_id) values (?, ?) on conflict do nothing",
                system,
                organization,
                "identifier system " + system);
    }

    /** Binds a sending facility to the organization; a facility bound to another organization is refused. */
    private static void bindFacility(Connection c, String facility, String organization) throws SQLException {
        bindOnce(
                c,
                "insert into organization_facility (facility, org_id) values (?, ?) on conflict do nothing",
                facility,
                organization,
                "facility " + facility);
    }

    private static void bindOnce(Connection c, String insert, String key, String organization, String what)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, key);
            ps.setString(2, organization);
            if (ps.executeUpdate() == 0) {
                throw new RegistrationRejected(
                        RegistrationRejected.Reason.ALREADY_REGISTERED,
                        what + " is already bound to another organization");
            }
        }
    }

    private static Organization read(ResultSet rs) throws SQLException {
        return new Organization(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                List.of((String[]) rs.getArray(4).getArray()),
                List.of((String[]) rs.getArray(5).getArray()),
                rs.getLong(6));
    }
}
