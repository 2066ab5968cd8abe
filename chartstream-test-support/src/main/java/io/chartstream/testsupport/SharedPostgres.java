package io.chartstream.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL per test JVM, from the binaries that the zonky jar ships. Each service
 * asks for its own database, as it has in production. A team that runs its own PostgreSQL (a
 * container, a CI service) points the suite at it instead with {@code CHARTSTREAM_TEST_PG_URL}
 * (a JDBC base URL such as {@code jdbc:postgresql://localhost:5432}) and
 * {@code CHARTSTREAM_TEST_PG_USER} / {@code CHARTSTREAM_TEST_PG_PASSWORD}.
 */
public final class SharedPostgres {

    private static final String EXTERNAL_URL = System.getenv("CHARTSTREAM_TEST_PG_URL");
    private static EmbeddedPostgres postgres;

    private SharedPostgres() {}

    public static synchronized EmbeddedPostgres instance() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "on")
                        .start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedPostgres::stop, "stop-test-postgres"));
        }
        return postgres;
    }

    /** Creates the database when missing and returns its JDBC URL. */
    public static String jdbcUrl(String database) {
        if (EXTERNAL_URL != null && !EXTERNAL_URL.isBlank()) {
            String base = EXTERNAL_URL.endsWith("/") ? EXTERNAL_URL : EXTERNAL_URL + "/";
            try (Connection c = DriverManager.getConnection(base + "postgres", username(), password())) {
                createIfMissing(c, database);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "could not create test database " + database + " at " + EXTERNAL_URL, e);
            }
            return base + database;
        }
        EmbeddedPostgres pg = instance();
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            createIfMissing(c, database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + database, e);
        }
        return pg.getJdbcUrl("postgres", database);
    }

    private static void createIfMissing(Connection c, String database) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (!rs.next()) {
                    s.execute("create database \"" + database + "\"");
                }
            }
        }
    }

    public static String username() {
        return EXTERNAL_URL != null ? System.getenv().getOrDefault("CHARTSTREAM_TEST_PG_USER", "postgres") : "postgres";
    }

    public static String password() {
        return EXTERNAL_URL != null
                ? System.getenv().getOrDefault("CHARTSTREAM_TEST_PG_PASSWORD", "postgres")
                : "postgres";
    }

    private static synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // the JVM is going away; the data directory is temporary
            }
            postgres = null;
        }
    }
}
