package io.chartstream.patient.registration;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the service's real event store in tests: which events a person's stream holds. */
@ApplicationScoped
public class PatientEventLog {

    private final DataSource dataSource;

    public PatientEventLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The event types of a person's stream, in version order. */
    public List<String> typesOf(String personId) throws SQLException {
        return strings(
                "select event_type from es_event where stream_id = ? order by stream_version", "person-" + personId);
    }

    /** Streams holding an event for this identifier value (any type). */
    public List<String> streamsMentioning(String identifierValue) throws SQLException {
        return strings(
                "select stream_id from es_event where data->'identifier'->>'value' = ? order by position",
                identifierValue);
    }

    public String dataOf(String personId, long version) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select data::text from es_event where stream_id = ? and stream_version = ?")) {
            ps.setString(1, "person-" + personId);
            ps.setLong(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private List<String> strings(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
