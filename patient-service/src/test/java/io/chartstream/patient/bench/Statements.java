package io.chartstream.patient.bench;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What PostgreSQL's statements cost per registration ({@code pg_stat_statements}), when the test
 * server was started with it ({@code -Dchartstream.test.pg.statements=true}); otherwise nothing.
 */
final class Statements {

    private final DataSource dataSource;
    private final boolean on = Boolean.getBoolean("chartstream.test.pg.statements");

    Statements(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void reset() throws SQLException {
        if (!on) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
    }

    /** The statements taking the most execution and planning time since {@link #reset}, per registration. */
    void print(long registrations) throws SQLException {
        if (!on) {
            return;
        }
        System.out.printf("statements per registration (pg_stat_statements, %,d registrations):%n", registrations);
        System.out.println("   calls    rows  exec ms  plan ms  blks hit  dirtied  wal fpi  statement");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select calls, rows, total_exec_time, total_plan_time, shared_blks_hit, shared_blks_dirtied,
                               wal_fpi, left(regexp_replace(query, '\\s+', ' ', 'g'), 150)
                        from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
                        order by total_exec_time + total_plan_time desc limit 25""")) {
            double n = registrations;
            while (rs.next()) {
                System.out.printf(
                        "  %6.2f %7.2f %8.3f %8.3f %9.1f %8.2f %8.2f  %s%n",
                        rs.getLong(1) / n,
                        rs.getLong(2) / n,
                        rs.getDouble(3) / n,
                        rs.getDouble(4) / n,
                        rs.getLong(5) / n,
                        rs.getLong(6) / n,
                        rs.getLong(7) / n,
                        rs.getString(8));
            }
        }
    }
}
