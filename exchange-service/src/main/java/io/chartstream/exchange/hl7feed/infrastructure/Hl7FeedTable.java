package io.chartstream.exchange.hl7feed.infrastructure;

import io.chartstream.exchange.hl7feed.domain.Hl7Endpoint;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** {@code hl7_feed}: the organizations that asked for their feed as HL7 v2, and where it goes. */
@ApplicationScoped
public class Hl7FeedTable {

    private final DataSource dataSource;

    public Hl7FeedTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Sets where the organization's feed goes; delivery goes on from where it stood (or from its first event). */
    public void set(String organization, Hl7Endpoint endpoint) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                insert into hl7_feed (organization, endpoint) values (?, ?)
                on conflict (organization) do update set endpoint = excluded.endpoint, updated_at = now()""")) {
            ps.setString(1, organization);
            ps.setString(2, endpoint.toString());
            ps.executeUpdate();
        }
    }

    public Optional<Hl7Endpoint> find(String organization) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select endpoint from hl7_feed where organization = ?")) {
            ps.setString(1, organization);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Hl7Endpoint.parse(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Stops the organization's HL7 v2 feed; true when it had one. */
    public boolean remove(String organization) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from hl7_feed where organization = ?")) {
            ps.setString(1, organization);
            return ps.executeUpdate() > 0;
        }
    }
}
