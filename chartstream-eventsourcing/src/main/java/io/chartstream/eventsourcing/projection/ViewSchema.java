package io.chartstream.eventsourcing.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The bookkeeping tables every view schema carries beside the view itself: which events it
 * applied (so a redelivery has no effect), the next offset per partition (so a restart resumes
 * exactly) and the events it refused. They live in the view's schema so that a rebuilt view
 * swaps in with its own bookkeeping, atomically.
 */
final class ViewSchema {

    private ViewSchema() {}

    static void create(Connection c, String schema, Projection projection) throws SQLException {
        createTables(c, schema, projection);
        createReadIndex(c);
    }

    /** The bookkeeping tables and the projection's own, without {@link #createReadIndex the read index}. */
    static void createTables(Connection c, String schema, Projection projection) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create schema if not exists " + schema);
            useSchema(c, schema);
            s.execute("""
                    create table if not exists applied_event (
                        event_id uuid primary key,
                        source text not null,
                        position bigint not null,
                        applied_at timestamptz not null default now())""");
            s.execute("""
                    create table if not exists partition_offset (
                        topic text not null,
                        partition int not null,
                        next_offset bigint not null,
                        primary key (topic, partition))""");
            s.execute("""
                    create table if not exists dead_letter (
                        topic text not null,
                        partition int not null,
                        record_offset bigint not null,
                        event_id text,
                        reason text not null,
                        attempts int not null default 1,
                        dead_at timestamptz not null default now(),
                        primary key (topic, partition, record_offset))""");
            for (String ddl : projection.schemaDdl()) {
                s.execute(ddl);
            }
        }
    }

    /** The index read-your-writes finds an applied position by; on the schema first on the search path. */
    static void createReadIndex(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create index if not exists applied_event_source_position on applied_event (source, position)");
        }
    }

    /** Puts the view schema first on the search path for the rest of the transaction. */
    static void useSchema(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set local search_path to " + schema + ", public");
        }
    }

    /** One statement without parameters or results (savepoints, settings). */
    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Records each record's partition's next offset (one record per partition), never moving it back. */
    static void advance(Connection c, Collection<? extends ConsumerRecord<?, ?>> lastPerPartition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into partition_offset (topic, partition, next_offset)
                select * from unnest(?::text[], ?::int[], ?::bigint[])
                on conflict (topic, partition) do update set next_offset = greatest(partition_offset.next_offset, excluded.next_offset)
                """)) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "text",
                            lastPerPartition.stream().map(ConsumerRecord::topic).toArray()));
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "integer",
                            lastPerPartition.stream()
                                    .map(ConsumerRecord::partition)
                                    .toArray()));
            ps.setArray(
                    3,
                    c.createArrayOf(
                            "bigint",
                            lastPerPartition.stream().map(r -> r.offset() + 1).toArray()));
            ps.executeUpdate();
        }
    }

    static void recordDeadLetter(Connection c, ConsumerRecord<?, ?> record, String eventId, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into dead_letter (topic, partition, record_offset, event_id, reason) values (?, ?, ?, ?, ?)
                on conflict (topic, partition, record_offset) do update
                    set reason = excluded.reason, attempts = dead_letter.attempts + 1, dead_at = now()
                """)) {
            ps.setString(1, record.topic());
            ps.setInt(2, record.partition());
            ps.setLong(3, record.offset());
            ps.setString(4, eventId);
            ps.setString(5, reason);
            ps.executeUpdate();
        }
    }

    static Map<TopicPartition, Long> offsets(Connection c, String schema) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select topic, partition, next_offset from " + schema + ".partition_offset")) {
            while (rs.next()) {
                offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
            }
        }
        return offsets;
    }

    /** A lock key per projection: live appliers share it, a rebuild's swap takes it alone. */
    static long lockKey(String schema) {
        return 0x7669657700000000L ^ schema.hashCode();
    }

    static void lockShared(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock_shared(?)")) {
            ps.setLong(1, lockKey(schema));
            ps.execute();
        }
    }

    static void lockExclusive(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            ps.setLong(1, lockKey(schema));
            ps.execute();
        }
    }
}
