package io.chartstream.clinical.person.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/** Whether an enterprise person id is known to this service, and whom it was merged into (see {@link KnownPersonsProjection}). */
@ApplicationScoped
public class KnownPersons {

    private final DataSource dataSource;
    private final String table;
    /** The survivor of the person {@code ?}, following merges up (a forest: the depth only bounds a corrupted table). */
    private final String survivorOf;

    public KnownPersons(DataSource dataSource, KnownPersonsProjection projection) {
        this.dataSource = dataSource;
        this.table = projection.schema() + ".known_person";
        this.survivorOf = "with recursive up(id, depth) as (select ?::uuid, 0 union all"
                + " select m.survivor_person_id, up.depth + 1 from " + projection.schema() + ".person_merge m"
                + " join up on m.merged_person_id = up.id where up.depth < 64)"
                + " select id from up order by depth desc limit 1";
    }

    /** Whether the two ids are one person now: the same, or merged into the same survivor (at any depth). */
    public boolean onePersonNow(UUID a, UUID b) throws SQLException {
        if (a.equals(b)) {
            return true;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select (" + survivorOf + ") = (" + survivorOf + ")")) {
            ps.setObject(1, a);
            ps.setObject(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    public boolean isKnown(UUID personId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from " + table + " where person_id = ?")) {
            ps.setObject(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Polls, with a growing pause, until the person is known or {@code timeout} passed. */
    public boolean awaitKnown(UUID personId, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (!isKnown(personId)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
            pause = Math.min(pause * 2, 100);
        }
        return true;
    }
}
