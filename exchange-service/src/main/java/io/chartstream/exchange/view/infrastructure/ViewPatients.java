package io.chartstream.exchange.view.infrastructure;

import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.exchange.view.domain.PatientCriteria;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The Patients of one organization's view that meet a search: only persons the organization has
 * in its view, so nothing about anyone else is ever looked at.
 */
@ApplicationScoped
public class ViewPatients {

    private static final String SCHEMA = Projection.schemaOf(OrgViewsProjection.NAME);

    /** A person's Patient as the organization's view holds it. */
    public record ViewPatient(UUID personId, String json) {}

    private final DataSource dataSource;

    public ViewPatients(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** At most {@code limit} Patients meeting every criterion asked, by person id. */
    public List<ViewPatient> find(String organization, PatientCriteria criteria, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("select person_id, resource::text from " + SCHEMA
                + ".org_view_resource where organization = ? and resource_type = 'Patient'");
        List<Object> args = new ArrayList<>(List.of(organization));
        if (criteria.identifierValue() != null) {
            sql.append(
                    criteria.identifierSystem() == null
                            ? " and resource @> jsonb_build_object('identifier', jsonb_build_array("
                                    + "jsonb_build_object('value', ?::text)))"
                            : " and resource @> jsonb_build_object('identifier', jsonb_build_array("
                                    + "jsonb_build_object('system', ?::text, 'value', ?::text)))");
            if (criteria.identifierSystem() != null) {
                args.add(criteria.identifierSystem());
            }
            args.add(criteria.identifierValue());
        }
        if (criteria.birthDate() != null) {
            sql.append(" and resource->>'birthDate' = ?");
            args.add(criteria.birthDate().toString());
        }
        if (criteria.family() != null) {
            sql.append(" and exists (select 1 from jsonb_array_elements(coalesce(resource->'name', '[]'::jsonb)) n"
                    + " where lower(n->>'family') like ? escape '\\')");
            args.add(prefix(criteria.family()));
        }
        if (criteria.given() != null) {
            sql.append(
                    " and exists (select 1 from jsonb_array_elements(coalesce(resource->'name', '[]'::jsonb)) n,"
                            + " jsonb_array_elements_text(coalesce(n->'given', '[]'::jsonb)) g where lower(g) like ? escape '\\')");
            args.add(prefix(criteria.given()));
        }
        sql.append(" order by person_id limit ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<ViewPatient> patients = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    patients.add(new ViewPatient(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
            return patients;
        }
    }

    /** FHIR string search: case-insensitive, from the start; LIKE's own characters taken literally. */
    private static String prefix(String value) {
        return value.toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
    }
}
