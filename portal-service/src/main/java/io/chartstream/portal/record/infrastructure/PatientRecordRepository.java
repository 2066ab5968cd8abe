package io.chartstream.portal.record.infrastructure;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.portal.record.domain.PatientRecord;
import io.chartstream.portal.record.domain.PatientRecord.Demographics;
import io.chartstream.portal.record.domain.PatientRecord.Identifier;
import io.chartstream.portal.record.domain.PatientRecord.Reaction;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads one person's record from the {@code patient-record} view. Every query is bound to the
 * single person id it is given; the caller decides whose record that is (from the token only).
 */
@ApplicationScoped
public class PatientRecordRepository {

    private static final String VIEW = Projection.schemaOf(PatientRecordProjection.NAME);
    private static final TypeReference<List<Reaction>> REACTIONS = new TypeReference<>() {};

    private final DataSource dataSource;
    private final ObjectMapper json;

    public PatientRecordRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * The record of the person {@code signedIn} names: when an administrator merged persons, the survivor's, with
     * every entry and identifier of each person merged into it (decisions §21), whichever of them
     * the token names.
     */
    public PatientRecord find(UUID signedIn) {
        try (Connection c = dataSource.getConnection()) {
            List<UUID> group = group(c, signedIn);
            UUID survivor = group.get(0);
            java.sql.Array persons = c.createArrayOf("uuid", group.toArray());
            return new PatientRecord(
                    survivor,
                    demographics(c, survivor, persons),
                    list(
                            c,
                            persons,
                            "select * from " + VIEW
                                    + ".record_observation where person_id = any(?) and not entered_in_error "
                                    + "order by effective desc nulls last, display",
                            this::observation),
                    list(
                            c,
                            persons,
                            "select * from " + VIEW
                                    + ".record_condition where person_id = any(?) and not entered_in_error "
                                    + "order by clinical_status = 'active' desc, recorded_date desc nulls last, display",
                            this::condition),
                    list(
                            c,
                            persons,
                            "select * from " + VIEW
                                    + ".record_medication where person_id = any(?) and not entered_in_error "
                                    + "order by status = 'active' desc, authored_on desc nulls last, display",
                            this::medication),
                    list(
                            c,
                            persons,
                            "select * from " + VIEW
                                    + ".record_allergy where person_id = any(?) and not entered_in_error "
                                    + "order by criticality = 'high' desc, substance",
                            this::allergy),
                    list(
                            c,
                            persons,
                            "select * from " + VIEW + ".record_visit where person_id = any(?) and not entered_in_error "
                                    + "order by period_start desc nulls last",
                            this::visit));
        } catch (SQLException e) {
            throw new RecordUnavailableException(e);
        }
    }

    /** The person's merged group, its survivor first: the person alone when never merged. */
    private static List<UUID> group(Connection c, UUID personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("with recursive up(id, depth) as (select ?::uuid, 0"
                + " union all select m.survivor_person_id, up.depth + 1 from " + VIEW + ".record_merge m"
                + " join up on m.merged_person_id = up.id where up.depth < 64),"
                + " root as (select id from up order by depth desc limit 1),"
                + " down(id, depth) as (select id, 0 from root union all select m.merged_person_id, down.depth + 1"
                + " from " + VIEW + ".record_merge m join down on m.survivor_person_id = down.id"
                + " where down.depth < 64)"
                + " select id from down order by depth")) {
            ps.setObject(1, personId);
            List<UUID> group = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    group.add(rs.getObject(1, UUID.class));
                }
            }
            return group.isEmpty() ? List.of(personId) : group;
        }
    }

    private Demographics demographics(Connection c, UUID survivor, java.sql.Array group) throws SQLException {
        List<Identifier> identifiers = list(
                c,
                group,
                "select system, value, organization from " + VIEW
                        + ".record_identifier where person_id = any(?) order by organization, system, value",
                rs -> new Identifier(
                        blankToNull(rs.getString("system")), rs.getString("value"), rs.getString("organization")));
        try (PreparedStatement ps =
                c.prepareStatement("select * from " + VIEW + ".record_person where person_id = ?")) {
            ps.setObject(1, survivor);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Demographics(
                        rs.getString("name"),
                        rs.getString("birth_date"),
                        rs.getString("gender"),
                        rs.getString("registered_by"),
                        identifiers);
            }
        }
    }

    private PatientRecord.Observation observation(ResultSet rs) throws SQLException {
        return new PatientRecord.Observation(
                entryId(rs),
                rs.getLong("version"),
                rs.getString("code"),
                rs.getString("code_system"),
                rs.getString("display"),
                rs.getString("value_text"),
                rs.getBigDecimal("value_number"),
                rs.getString("unit"),
                rs.getString("effective"),
                rs.getString("status"),
                rs.getString("organization"));
    }

    private PatientRecord.Condition condition(ResultSet rs) throws SQLException {
        return new PatientRecord.Condition(
                entryId(rs),
                rs.getLong("version"),
                rs.getString("code"),
                rs.getString("code_system"),
                rs.getString("display"),
                rs.getString("clinical_status"),
                rs.getString("verification_status"),
                rs.getString("onset"),
                rs.getString("recorded_date"),
                rs.getString("organization"));
    }

    private PatientRecord.Medication medication(ResultSet rs) throws SQLException {
        return new PatientRecord.Medication(
                entryId(rs),
                rs.getLong("version"),
                rs.getString("code"),
                rs.getString("code_system"),
                rs.getString("display"),
                rs.getString("dosage"),
                rs.getString("status"),
                rs.getString("authored_on"),
                rs.getString("organization"));
    }

    private PatientRecord.Allergy allergy(ResultSet rs) throws SQLException {
        List<Reaction> reactions;
        try {
            reactions = json.readValue(rs.getString("reactions"), REACTIONS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PatientRecord.Allergy(
                entryId(rs),
                rs.getLong("version"),
                rs.getString("code"),
                rs.getString("code_system"),
                rs.getString("substance"),
                rs.getString("criticality"),
                rs.getString("clinical_status"),
                reactions,
                rs.getString("organization"));
    }

    private PatientRecord.Visit visit(ResultSet rs) throws SQLException {
        return new PatientRecord.Visit(
                entryId(rs),
                rs.getLong("version"),
                rs.getString("type"),
                rs.getString("status"),
                rs.getString("period_start"),
                rs.getString("period_end"),
                rs.getString("location"),
                rs.getString("reason"),
                rs.getString("organization"));
    }

    private static UUID entryId(ResultSet rs) throws SQLException {
        return rs.getObject("entry_id", UUID.class);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> list(Connection c, java.sql.Array persons, String sql, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, persons);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return List.copyOf(out);
            }
        }
    }
}
