package io.chartstream.portal.record.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.patient.PersonsMergedV1;
import io.chartstream.contracts.patient.PersonsUnmergedV1;
import io.chartstream.portal.record.domain.PatientRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

/**
 * The view's tables and the writes the projection makes to them. Names are unqualified: the
 * runner puts the view schema on the search path, so the same code fills the live view and a
 * rebuild. Every entry row keeps its stream version and an amendment replaces a row only when
 * it is newer, so a late or repeated older version never wins.
 */
final class RecordTables {

    static final List<String> DDL = List.of(
            """
            create table if not exists record_person (
                person_id uuid primary key,
                name text,
                birth_date text,
                gender text,
                registered_by text,
                updated_at timestamptz not null default now())""",
            """
            create table if not exists record_identifier (
                person_id uuid not null,
                system text not null,
                value text not null,
                organization text,
                primary key (person_id, system, value))""",
            """
            create table if not exists record_observation (
                entry_id uuid primary key,
                person_id uuid not null,
                version bigint not null,
                organization text,
                practitioner text,
                code text,
                code_system text,
                display text,
                value_text text,
                value_number numeric,
                unit text,
                effective text,
                status text)""",
            "create index if not exists record_observation_person on record_observation (person_id)",
            """
            create table if not exists record_condition (
                entry_id uuid primary key,
                person_id uuid not null,
                version bigint not null,
                organization text,
                practitioner text,
                code text,
                code_system text,
                display text,
                clinical_status text,
                verification_status text,
                onset text,
                recorded_date text)""",
            "create index if not exists record_condition_person on record_condition (person_id)",
            """
            create table if not exists record_medication (
                entry_id uuid primary key,
                person_id uuid not null,
                version bigint not null,
                organization text,
                practitioner text,
                code text,
                code_system text,
                display text,
                dosage text,
                status text,
                authored_on text)""",
            "create index if not exists record_medication_person on record_medication (person_id)",
            """
            create table if not exists record_allergy (
                entry_id uuid primary key,
                person_id uuid not null,
                version bigint not null,
                organization text,
                practitioner text,
                code text,
                code_system text,
                substance text,
                criticality text,
                clinical_status text,
                reactions jsonb not null default '[]')""",
            "create index if not exists record_allergy_person on record_allergy (person_id)",
            """
            create table if not exists record_visit (
                entry_id uuid primary key,
                person_id uuid not null,
                version bigint not null,
                organization text,
                practitioner text,
                type text,
                status text,
                period_start text,
                period_end text,
                location text,
                reason text,
                entered_in_error boolean not null default false)""",
            "create index if not exists record_visit_person on record_visit (person_id)",
            // an entry entered in error stays as a marked row (not shown), so its last version keeps
            // a late older version of it from coming back
            "alter table record_observation add column if not exists entered_in_error boolean not null default false",
            "alter table record_condition add column if not exists entered_in_error boolean not null default false",
            "alter table record_medication add column if not exists entered_in_error boolean not null default false",
            "alter table record_allergy add column if not exists entered_in_error boolean not null default false",
            // merges (decisions §21): a merged person's record is its survivor's; unmerge deletes the row
            """
            create table if not exists record_merge (
                merged_person_id uuid primary key,
                survivor_person_id uuid not null,
                merge_id uuid not null)""");

    /** The tables of the entry types the portal shows. */
    private static final List<String> ENTRY_TABLES =
            List.of("record_observation", "record_condition", "record_medication", "record_allergy", "record_visit");

    private final ObjectMapper json;

    RecordTables(ObjectMapper json) {
        this.json = json;
    }

    /** Records a merge; either person's copy of the event, whichever comes first. */
    void merged(Connection c, PersonsMergedV1 m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into record_merge (merged_person_id, survivor_person_id, merge_id) values (?, ?, ?)
                on conflict do nothing""")) {
            ps.setObject(1, m.mergedPersonId());
            ps.setObject(2, m.survivorPersonId());
            ps.setObject(3, m.mergeId());
            ps.executeUpdate();
        }
    }

    void unmerged(Connection c, PersonsUnmergedV1 u) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("delete from record_merge where merged_person_id = ? and merge_id = ?")) {
            ps.setObject(1, u.mergedPersonId());
            ps.setObject(2, u.mergeId());
            ps.executeUpdate();
        }
    }

    /**
     * A registration sets the demographics; a linked identifier only fills what is still unknown,
     * so the registering organization's spelling stays what the person sees.
     */
    void person(Connection c, PersonEvent event, String name, String birthDate, String gender) throws SQLException {
        String update = event.registration()
                ? "name = excluded.name, birth_date = excluded.birth_date, gender = excluded.gender, "
                        + "registered_by = excluded.registered_by"
                : "name = coalesce(record_person.name, excluded.name), "
                        + "birth_date = coalesce(record_person.birth_date, excluded.birth_date), "
                        + "gender = coalesce(record_person.gender, excluded.gender)";
        execute(
                c,
                "insert into record_person (person_id, name, birth_date, gender, registered_by) values (?, ?, ?, ?, ?) "
                        + "on conflict (person_id) do update set " + update + ", updated_at = now()",
                event.personId(),
                name,
                birthDate,
                gender,
                event.registration() ? event.organization() : null);
        if (event.identifier() != null) {
            execute(
                    c,
                    "insert into record_identifier (person_id, system, value, organization) values (?, ?, ?, ?) "
                            + "on conflict (person_id, system, value) do update set organization = excluded.organization",
                    event.personId(),
                    event.identifier().system() == null
                            ? ""
                            : event.identifier().system(),
                    event.identifier().value(),
                    event.identifier().organization());
        }
    }

    void observation(Connection c, EntryEvent e, PatientRecord.Observation o) throws SQLException {
        upsert(
                c,
                "record_observation",
                e,
                List.of("code", "code_system", "display", "value_text", "value_number", "unit", "effective", "status"),
                o.code(),
                o.codeSystem(),
                o.display(),
                o.value(),
                o.numericValue(),
                o.unit(),
                o.effective(),
                o.status());
    }

    void condition(Connection c, EntryEvent e, PatientRecord.Condition o) throws SQLException {
        upsert(
                c,
                "record_condition",
                e,
                List.of(
                        "code",
                        "code_system",
                        "display",
                        "clinical_status",
                        "verification_status",
                        "onset",
                        "recorded_date"),
                o.code(),
                o.codeSystem(),
                o.display(),
                o.clinicalStatus(),
                o.verificationStatus(),
                o.onset(),
                o.recordedDate());
    }

    void medication(Connection c, EntryEvent e, PatientRecord.Medication o) throws SQLException {
        upsert(
                c,
                "record_medication",
                e,
                List.of("code", "code_system", "display", "dosage", "status", "authored_on"),
                o.code(),
                o.codeSystem(),
                o.display(),
                o.dosage(),
                o.status(),
                o.authoredOn());
    }

    void allergy(Connection c, EntryEvent e, PatientRecord.Allergy o) throws SQLException {
        upsert(
                c,
                "record_allergy",
                e,
                List.of("code", "code_system", "substance", "criticality", "clinical_status", "reactions"),
                o.code(),
                o.codeSystem(),
                o.substance(),
                o.criticality(),
                o.clinicalStatus(),
                new Jsonb(toJson(o.reactions())));
    }

    void visit(Connection c, EntryEvent e, PatientRecord.Visit o) throws SQLException {
        upsert(
                c,
                "record_visit",
                e,
                List.of("type", "status", "period_start", "period_end", "location", "reason"),
                o.type(),
                o.status(),
                o.start(),
                o.end(),
                o.location(),
                o.reason());
    }

    /**
     * Takes the entry out of the patient's record (entered in error): its row, whichever table
     * holds it, is marked and keeps the withdrawal's version; a withdrawal older than the row
     * changes nothing.
     */
    void enteredInError(Connection c, EntryEvent e) throws SQLException {
        for (String table : ENTRY_TABLES) {
            execute(
                    c,
                    "update " + table + " set entered_in_error = true, version = ?, organization = ?, practitioner = ?"
                            + " where entry_id = ? and version < ?",
                    e.version(),
                    e.organization(),
                    e.practitioner(),
                    e.entryId(),
                    e.version());
        }
    }

    /** Inserts the entry, or replaces the stored version when this one is newer. */
    private static void upsert(Connection c, String table, EntryEvent e, List<String> columns, Object... values)
            throws SQLException {
        String names = String.join(", ", columns);
        String placeholders = String.join(
                ", ",
                columns.stream()
                        .map(col -> col.equals("reactions") ? "?::jsonb" : "?")
                        .toList());
        String updates = String.join(
                ", ", columns.stream().map(col -> col + " = excluded." + col).toList());
        Object[] all = new Object[5 + values.length];
        all[0] = e.entryId();
        all[1] = e.personId();
        all[2] = e.version();
        all[3] = e.organization();
        all[4] = e.practitioner();
        System.arraycopy(values, 0, all, 5, values.length);
        execute(
                c,
                "insert into " + table + " (entry_id, person_id, version, organization, practitioner, " + names
                        + ") values (?, ?, ?, ?, ?, " + placeholders + ") on conflict (entry_id) do update set "
                        + "person_id = excluded.person_id, version = excluded.version, organization = excluded.organization, "
                        + "practitioner = excluded.practitioner, " + updates
                        + " where " + table + ".version < excluded.version",
                all);
    }

    private static void execute(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    ps.setNull(i + 1, Types.OTHER);
                } else if (value instanceof Jsonb jsonb) {
                    ps.setString(i + 1, jsonb.text());
                } else if (value instanceof UUID || value instanceof Long || value instanceof java.math.BigDecimal) {
                    ps.setObject(i + 1, value);
                } else {
                    ps.setString(i + 1, value.toString());
                }
            }
            ps.executeUpdate();
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Jsonb(String text) {}
}
