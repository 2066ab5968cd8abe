package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The chained audit records in {@code audit.audit_log} and the exchange's head in {@code audit.audit_head}. */
public final class AuditLog {

    /** Serializes appends across replicas: the chain has one order. */
    private static final long APPEND_LOCK = 0x417564_69745472L;

    static final String COLUMNS = "sequence, source_event_id, recorded, type, subtype, action, outcome, agent_user,"
            + " agent_organization, purpose_of_use, source, patient, entities, detail, previous_hash, hash";

    /** Between the entities of one record on their way into one insert (ASCII record separator). */
    private static final String ENTITY_SEPARATOR = "\u001e";

    private AuditLog() {}

    /**
     * Appends the entry after the exchange's head, inside the caller's transaction; an entry
     * already in the trail (the same source event) is left as it is. Returns whether it appended.
     */
    static boolean append(Connection c, AuditChain chain, AuditEntry entry) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, APPEND_LOCK);
            lock.execute();
        }
        try (PreparedStatement seen = c.prepareStatement("select 1 from audit.audit_log where source_event_id = ?")) {
            seen.setObject(1, entry.sourceEventId());
            try (ResultSet rs = seen.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        AuditChain.Link head = head(c);
        AuditChain.Link link = chain.append(head, entry);
        try (PreparedStatement insert = c.prepareStatement("insert into audit.audit_log (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, link.sequence());
            insert.setObject(2, entry.sourceEventId());
            insert.setTimestamp(3, Timestamp.from(entry.recorded()));
            insert.setString(4, entry.type());
            insert.setString(5, entry.subtype());
            insert.setString(6, entry.action());
            insert.setString(7, entry.outcome());
            insert.setString(8, entry.agentUser());
            insert.setString(9, entry.agentOrganization());
            insert.setString(10, entry.purposeOfUse());
            insert.setString(11, entry.source());
            insert.setObject(12, entry.patient());
            insert.setArray(13, c.createArrayOf("text", entry.entities().toArray()));
            insert.setString(14, entry.detail());
            insert.setString(15, link.previousHash());
            insert.setString(16, link.hash());
            insert.executeUpdate();
        }
        moveHead(c, link);
        return true;
    }

    /**
     * Appends fresh entries (none of them in the trail yet: new ids, no source event to repeat)
     * after {@code expectedHead} (null: read it) in one statement: the append lock, the head moved
     * on condition that it still is {@code expectedHead}, and every record, so a group of records
     * costs one round trip. When another writer moved the head meanwhile, nothing is written and
     * the records are chained again after the head as it now is. Returns the new head.
     */
    static AuditChain.Link appendAfter(
            Connection c, AuditChain chain, AuditChain.Link expectedHead, List<AuditEntry> entries)
            throws SQLException {
        AuditChain.Link head = expectedHead == null ? head(c) : expectedHead;
        if (entries.isEmpty()) {
            return head;
        }
        while (true) {
            Rows rows = Rows.after(chain, head, entries);
            if (insertAfter(c, head, rows) == entries.size()) {
                return rows.last();
            }
            head = head(c);
        }
    }

    /** The records of one append as column arrays, chained after a head. */
    private record Rows(
            Long[] sequences,
            UUID[] ids,
            String[] recorded,
            String[][] text,
            UUID[] patients,
            String[] entities,
            String[] previous,
            String[] hashes,
            AuditChain.Link last) {

        static Rows after(AuditChain chain, AuditChain.Link head, List<AuditEntry> entries) {
            int n = entries.size();
            Long[] sequences = new Long[n];
            UUID[] ids = new UUID[n];
            String[] recorded = new String[n];
            String[][] text = new String[9][n];
            UUID[] patients = new UUID[n];
            String[] entities = new String[n];
            String[] previous = new String[n];
            String[] hashes = new String[n];
            AuditChain.Link link = head;
            for (int i = 0; i < n; i++) {
                AuditEntry e = entries.get(i);
                link = chain.append(link, e);
                sequences[i] = link.sequence();
                ids[i] = e.sourceEventId();
                recorded[i] = e.recorded().toString();
                text[0][i] = e.type();
                text[1][i] = e.subtype();
                text[2][i] = e.action();
                text[3][i] = e.outcome();
                text[4][i] = e.agentUser();
                text[5][i] = e.agentOrganization();
                text[6][i] = e.purposeOfUse();
                text[7][i] = e.source();
                text[8][i] = e.detail();
                patients[i] = e.patient();
                // entities travel as one string each (an array of arrays would not unnest row by row)
                entities[i] = String.join(ENTITY_SEPARATOR, e.entities());
                previous[i] = link.previousHash();
                hashes[i] = link.hash();
            }
            return new Rows(sequences, ids, recorded, text, patients, entities, previous, hashes, link);
        }
    }

    /** Inserts the rows if the head still is {@code head}; returns how many were inserted (0: it moved). */
    private static int insertAfter(Connection c, AuditChain.Link head, Rows rows) throws SQLException {
        String moved = head == null
                ? "insert into audit.audit_head (id, sequence, hash) select 1, ?, ? from locked"
                        + " on conflict (id) do nothing returning 1"
                : "update audit.audit_head set sequence = ?, hash = ?"
                        + " where id = 1 and sequence = ? and exists (select 1 from locked) returning 1";
        try (PreparedStatement insert = c.prepareStatement("with locked as (select pg_advisory_xact_lock(?)),"
                + " moved as (" + moved + ")"
                + " insert into audit.audit_log (" + COLUMNS + ")"
                + " select sq, id, rec, ty, st, ac, oc, au, ao, pu, so, pa,"
                + " case when en = '' then '{}'::text[] else string_to_array(en, chr(30)) end, de, ph, h"
                + " from unnest(?::bigint[], ?::uuid[], ?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[]) as t(sq, id, rec, ty, st, ac, oc, au, ao, pu, so, pa, en, de, ph, h)"
                + " where exists (select 1 from moved)")) {
            int p = 1;
            insert.setLong(p++, APPEND_LOCK);
            insert.setLong(p++, rows.last().sequence());
            insert.setString(p++, rows.last().hash());
            if (head != null) {
                insert.setLong(p++, head.sequence());
            }
            insert.setArray(p++, c.createArrayOf("bigint", rows.sequences()));
            insert.setArray(p++, c.createArrayOf("uuid", rows.ids()));
            insert.setArray(p++, c.createArrayOf("text", rows.recorded()));
            for (int column = 0; column < 8; column++) {
                insert.setArray(p++, c.createArrayOf("text", rows.text()[column]));
            }
            insert.setArray(p++, c.createArrayOf("uuid", rows.patients()));
            insert.setArray(p++, c.createArrayOf("text", rows.entities()));
            insert.setArray(p++, c.createArrayOf("text", rows.text()[8]));
            insert.setArray(p++, c.createArrayOf("text", rows.previous()));
            insert.setArray(p, c.createArrayOf("text", rows.hashes()));
            return insert.executeUpdate();
        }
    }

    private static void moveHead(Connection c, AuditChain.Link link) throws SQLException {
        try (PreparedStatement moveHead = c.prepareStatement("""
                insert into audit.audit_head (id, sequence, hash) values (1, ?, ?)
                on conflict (id) do update set sequence = excluded.sequence, hash = excluded.hash""")) {
            moveHead.setLong(1, link.sequence());
            moveHead.setString(2, link.hash());
            moveHead.executeUpdate();
        }
    }

    /** The last record the exchange appended (null: none yet), as its head remembers it. */
    static AuditChain.Link head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select sequence, hash from audit.audit_head where id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new AuditChain.Link(rs.getLong(1), null, null, rs.getString(2)) : null;
        }
    }

    static long headSequence(Connection c) throws SQLException {
        AuditChain.Link head = head(c);
        return head == null ? 0 : head.sequence();
    }

    static AuditChain.Link link(ResultSet rs) throws SQLException {
        Array entities = rs.getArray("entities");
        AuditEntry entry = new AuditEntry(
                rs.getObject("source_event_id", UUID.class),
                rs.getTimestamp("recorded").toInstant(),
                rs.getString("type"),
                rs.getString("subtype"),
                rs.getString("action"),
                rs.getString("outcome"),
                rs.getString("agent_user"),
                rs.getString("agent_organization"),
                rs.getString("purpose_of_use"),
                rs.getString("source"),
                rs.getObject("patient", UUID.class),
                entities == null ? List.of() : Arrays.asList((String[]) entities.getArray()),
                rs.getString("detail"));
        return new AuditChain.Link(rs.getLong("sequence"), entry, rs.getString("previous_hash"), rs.getString("hash"));
    }

    static List<AuditChain.Link> links(ResultSet rs) throws SQLException {
        List<AuditChain.Link> links = new ArrayList<>();
        while (rs.next()) {
            links.add(link(rs));
        }
        return links;
    }
}
