package io.chartstream.exchange.view.infrastructure;

import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.eventsourcing.projection.ViewConsistency;
import io.chartstream.exchange.view.domain.VersionedResource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads an organization's view of a person, for the gateway. */
@ApplicationScoped
public class OrgViews {

    private static final String SCHEMA = Projection.schemaOf(OrgViewsProjection.NAME);

    public record ViewResource(String resourceType, String json) {}

    private final DataSource dataSource;

    public OrgViews(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean inCare(UUID personId, String organization) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select 1 from " + SCHEMA + ".care_relationship where person_id = ? and organization = ?")) {
            ps.setObject(1, personId);
            ps.setString(2, organization);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The Patient first, then the entries; {@code resourceType} null for all of them. */
    public List<ViewResource> resources(String organization, UUID personId, String resourceType) throws SQLException {
        List<ViewResource> resources = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("select resource_type, resource::text from " + SCHEMA + ".org_view_resource "
                                + "where organization = ? and person_id = ? and (?::text is null or resource_type = ?) "
                                + "order by resource_type <> 'Patient', resource_type, resource_id")) {
            ps.setString(1, organization);
            ps.setObject(2, personId);
            ps.setString(3, resourceType);
            ps.setString(4, resourceType);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    resources.add(new ViewResource(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return resources;
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
