package io.chartstream.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real PostgreSQL per test JVM, from the binaries that the zonky jar ships. Each service
 * asks for its own database, as it has in production. A team that runs its own PostgreSQL (a
 * container, a CI service) points the suite at it instead with {@code CHARTSTREAM_TEST_PG_URL}
 * (a JDBC base URL such as {@code jdbc:postgresql://localhost:5432}) and
 * {@code CHARTSTREAM_TEST_PG_USER} / {@code CHARTSTREAM_TEST_PG_PASSWORD}.
 */
public final class SharedPostgres {

    private static final String EXTERNAL_URL = System.getenv("CHARTSTREAM_TEST_PG_URL");
    /**
     * A data directory kept between test JVMs (system property {@code chartstream.test.pg.data-dir}),
     * for benchmarks whose data takes long to make (patient-service's million persons); unset, the
     * data directory is temporary.
     */
    private static final String DATA_DIRECTORY = System.getProperty("chartstream.test.pg.data-dir");

    private static EmbeddedPostgres postgres;
    private static Process postmaster; // the server an outage started again, kept from collection

    private SharedPostgres() {}

    public static synchronized EmbeddedPostgres instance() {
        if (postgres == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", synchronousCommit())
                        .setServerConfig("shared_buffers", sharedBuffers());
                if (Boolean.getBoolean("chartstream.test.pg.statements")) {
                    // what each statement costs, for a benchmark to print (patient-service's MpiScaleBenchmark)
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                            .setServerConfig("pg_stat_statements.track", "all")
                            .setServerConfig("pg_stat_statements.track_planning", "on");
                }
                if (DATA_DIRECTORY != null && !DATA_DIRECTORY.isBlank()) {
                    // initdb runs only when the directory holds no cluster yet
                    builder.setDataDirectory(Path.of(DATA_DIRECTORY)).setCleanDataDirectory(false);
                }
                postgres = builder.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedPostgres::stop, "stop-test-postgres"));
        }
        return postgres;
    }

    /**
     * A benchmark ({@code -Dbench=true}) commits as production does, waiting for the WAL to be
     * flushed; tests keep the embedded server's default (off: a commit returns before its flush,
     * which only a crash of PostgreSQL itself could undo), which saves them a disk flush per commit.
     */
    static String synchronousCommit() {
        return Boolean.getBoolean("bench") ? "on" : "off";
    }

    /**
     * A benchmark runs with a buffer cache sized as a production server's would be for its data
     * (1 GB: patient-service's million persons are 2.7 GB, the matching index about 1 GB); with the
     * server's default of 128 MB the backends spend their time writing out each other's dirty pages
     * (decisions §39). Tests keep the default: their databases are small.
     */
    static String sharedBuffers() {
        return Boolean.getBoolean("bench") ? System.getProperty("chartstream.test.pg.shared-buffers", "1GB") : "128MB";
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

    /** What a test does while the database is away. */
    @FunctionalInterface
    public interface WhileDown {
        void run() throws Exception;
    }

    /**
     * A real outage of the test PostgreSQL: a fast shutdown (every session ends, as in a crash or a
     * failover), {@code whileDown}, then the same server again on the same port and data directory,
     * so the services under test find it where it was, with everything committed before. Only for
     * the embedded server (an external one is not this suite's to stop).
     */
    public static synchronized void outage(WhileDown whileDown) throws Exception {
        if (EXTERNAL_URL != null && !EXTERNAL_URL.isBlank()) {
            throw new UnsupportedOperationException("an outage is staged only on the embedded test PostgreSQL");
        }
        EmbeddedPostgres pg = instance();
        ProcessHandle running = postmaster(pg);
        List<String> command = commandOf(running);
        // SIGINT: PostgreSQL's fast shutdown (pg_ctl stop -m fast, which refuses to run as root)
        run(List.of("kill", "-INT", Long.toString(running.pid())));
        if (!running.onExit()
                .completeOnTimeout(null, 60, TimeUnit.SECONDS)
                .thenApply(p -> p != null)
                .get()) {
            throw new IllegalStateException("the test PostgreSQL did not stop");
        }
        try {
            whileDown.run();
        } finally {
            File log = File.createTempFile("test-postgres-restart", ".log");
            List<String> start = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // as the embedded server was started: PostgreSQL refuses root, a user namespace is not root
                start.addAll(List.of("unshare", "-U"));
            }
            start.addAll(command);
            postmaster = new ProcessBuilder(start)
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .start();
            awaitAccepting(pg, log);
        }
    }

    /** The running postmaster, found from the server itself (its pid file). */
    private static ProcessHandle postmaster(EmbeddedPostgres pg) throws SQLException {
        long pid;
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select split_part(pg_read_file('postmaster.pid'), chr(10), 1)")) {
            rs.next();
            pid = Long.parseLong(rs.getString(1).strip());
        }
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster process " + pid));
    }

    private static List<String> commandOf(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        List<String> command = new ArrayList<>();
        command.add(info.command().orElseThrow(() -> new IllegalStateException("no command of " + process.pid())));
        command.addAll(Arrays.asList(info.arguments().orElseThrow()));
        return command;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static void awaitAccepting(EmbeddedPostgres pg, File log) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"))) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the test PostgreSQL did not come back: " + Files.readString(log.toPath()), e);
                }
                Thread.sleep(100);
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
                // the JVM is going away; the data directory is temporary (or kept on purpose)
            }
            postgres = null;
        }
    }
}
