package io.chartstream.exchange.directory.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The state tables of the directory streams ({@code directory_resource}, {@code
 * directory_identifier}), on the caller's connection and so in its transaction.
 */
@ApplicationScoped
public class DirectoryTable {

    /** The current version of a resource. */
    public record Stored(String resourceType, UUID id, long version, String json, java.time.Instant lastUpdated) {}

    private static final String COLUMNS =
            "select r.resource_type, r.id, r.version, r.resource::text, r.last_updated" + " from directory_resource r ";

    /**
     * Serializes every writer of these identifiers of {@code resourceType} until the transaction
     * ends: a conditional create checks for a match and creates under this lock, so two concurrent
     * ones with the same identifier create one resource, and a plain create cannot slip in between.
     * Keys are taken in one order, so two writers cannot deadlock.
     */
    public void lock(Connection c, String resourceType, Collection<DirectoryRow.Identifier> identifiers)
            throws SQLException {
        TreeSet<String> keys = new TreeSet<>();
        identifiers.forEach(i -> keys.add("directory|" + resourceType + "|" + i.system() + "|" + i.value()));
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            for (String key : keys) {
                ps.setString(1, key);
                ps.execute();
            }
        }
    }

    /** Writes the version the stream now has: the row, and its identifiers replaced. */
    public void save(Connection c, DirectoryRow row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into directory_resource (resource_type, id, version, resource, names, last_updated)"
                        + " values (?, ?, ?, ?::jsonb, ?, ?) on conflict (resource_type, id) do update set"
                        + " version = excluded.version, resource = excluded.resource, names = excluded.names,"
                        + " last_updated = excluded.last_updated")) {
            ps.setString(1, row.resourceType());
            ps.setObject(2, row.id());
            ps.setLong(3, row.version());
            ps.setString(4, row.json());
            ps.setArray(5, c.createArrayOf("text", row.names().toArray()));
            ps.setTimestamp(6, Timestamp.from(row.lastUpdated()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps =
                c.prepareStatement("delete from directory_identifier where resource_type = ? and id = ?")) {
            ps.setString(1, row.resourceType());
            ps.setObject(2, row.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into directory_identifier (resource_type, system, value, id) values (?, ?, ?, ?)"
                        + " on conflict do nothing")) {
            for (DirectoryRow.Identifier identifier : row.identifiers()) {
                ps.setString(1, row.resourceType());
                ps.setString(2, identifier.system());
                ps.setString(3, identifier.value());
                ps.setObject(4, row.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<Stored> find(Connection c, String resourceType, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COLUMNS + "where r.resource_type = ? and r.id = ?")) {
            ps.setString(1, resourceType);
            ps.setObject(2, id);
            List<Stored> found = read(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** Up to {@code limit} matches, oldest first (a stable order for paging later). */
    public List<Stored> search(Connection c, DirectoryCriteria criteria, int limit, int offset) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(criteria, args);
        try (PreparedStatement ps =
                c.prepareStatement(COLUMNS + where + " order by r.last_updated, r.id limit ? offset ?")) {
            int i = bind(ps, args);
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            return read(ps);
        }
    }

    public int count(Connection c, DirectoryCriteria criteria) throws SQLException {
        List<Object> args = new ArrayList<>();
        String where = where(criteria, args);
        try (PreparedStatement ps = c.prepareStatement("select count(*) from directory_resource r " + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String where(DirectoryCriteria criteria, List<Object> args) {
        StringBuilder sql = new StringBuilder("where r.resource_type = ?");
        args.add(criteria.resourceType());
        for (DirectoryCriteria.Token token : criteria.identifiers()) {
            sql.append(" and exists (select 1 from directory_identifier i"
                    + " where i.resource_type = r.resource_type and i.id = r.id");
            if (token.system() != null) {
                sql.append(" and i.system = ?");
                args.add(token.system());
            }
            if (token.value() != null) {
                sql.append(" and i.value = ?");
                args.add(token.value());
            }
            sql.append(')');
        }
        if (criteria.namePrefix() != null) {
            sql.append(" and exists (select 1 from unnest(r.names) n where n like ? escape '\\')");
            args.add(likePrefix(criteria.namePrefix()));
        }
        return sql.toString();
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object arg : args) {
            ps.setObject(i++, arg);
        }
        return i;
    }

    private static List<Stored> read(PreparedStatement ps) throws SQLException {
        List<Stored> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(new Stored(
                        rs.getString(1),
                        rs.getObject(2, UUID.class),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
            }
        }
        return found;
    }
}
