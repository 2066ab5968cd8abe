package io.chartstream.clinical.person.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/** Whether an enterprise person id is known to this service (see {@link KnownPersonsProjection}). */
@ApplicationScoped
public class KnownPersons {

    private final DataSource dataSource;
    private final String table;

    public KnownPersons(DataSource dataSource, KnownPersonsProjection projection) {
        this.dataSource = dataSource;
        this.table = projection.schema() + ".known_person";
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
