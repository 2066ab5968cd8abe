package io.chartstream.eventsourcing.outbox;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox rows Kafka refused for good, kept in {@code es_outbox_parked}: moved there in one
 * transaction with the outbox row's delete, listed for operators, and moved back by a redrive.
 */
public final class ParkedRows {

    /** The order key of an event row {@code e}: its Kafka key (the subject), else its stream. */
    static final String ORDER_KEY = "coalesce(e.subject, e.stream_id)";

    /** SQL that leaves out outbox rows waiting behind a parked row of the same order key. */
    static final String NOT_HELD =
            "not exists (select 1 from es_outbox_parked p where p.order_key = " + ORDER_KEY + ")";

    /** One parked event, and how many later events of its order key wait behind it. */
    public record Parked(
            long position,
            String streamId,
            String type,
            String orderKey,
            String topic,
            String reason,
            Instant parkedAt,
            long waitingBehind) {}

    private final DataSource dataSource;

    public ParkedRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Moves an outbox row to the parked rows, with why Kafka refused it. */
    void park(long position, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into es_outbox_parked"
                            + " (position, topic, order_key, reason)"
                            + " select o.position, o.topic, " + ORDER_KEY + ", ?"
                            + " from es_outbox o join es_event e on e.position = o.position where o.position = ?"
                            + " on conflict (position) do nothing");
                    PreparedStatement delete = c.prepareStatement("delete from es_outbox where position = ?")) {
                insert.setString(1, reason);
                insert.setLong(2, position);
                insert.executeUpdate();
                delete.setLong(1, position);
                delete.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Every parked row, oldest first. */
    public List<Parked> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select p.position, e.stream_id, e.event_type, p.order_key, p.topic, p.reason, p.parked_at,
                               (select count(*) from es_outbox o join es_event e2 on e2.position = o.position
                                 where coalesce(e2.subject, e2.stream_id) = p.order_key)
                        from es_outbox_parked p join es_event e on e.position = p.position
                        order by p.position
                        """)) {
            List<Parked> parked = new ArrayList<>();
            while (rs.next()) {
                parked.add(new Parked(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getTimestamp(7).toInstant(),
                        rs.getLong(8)));
            }
            return parked;
        }
    }

    public long count() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from es_outbox_parked")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * Puts a parked row back into the outbox, where the relay publishes it first of its order key
     * (it has the lowest position of those waiting); answers false when no such row is parked.
     */
    public boolean redrive(long position) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                            "insert into es_outbox (position, topic) select position, topic from es_outbox_parked"
                                    + " where position = ? on conflict (position) do nothing");
                    PreparedStatement delete = c.prepareStatement("delete from es_outbox_parked where position = ?")) {
                delete.setLong(1, position);
                insert.setLong(1, position);
                insert.executeUpdate();
                boolean found = delete.executeUpdate() == 1;
                c.commit();
                return found;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
