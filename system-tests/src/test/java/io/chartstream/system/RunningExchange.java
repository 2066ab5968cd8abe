package io.chartstream.system;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole exchange, started once per test JVM with {@code ./chartstream up} (real PostgreSQL,
 * Kafka, Keycloak, the four services and the demo) unless it is already running; stopped with
 * {@code ./chartstream down} at the end only when these tests started it.
 */
public final class RunningExchange {

    public static final String PORTAL = "http://localhost:8080";
    public static final String GATEWAY = "http://localhost:8083";
    public static final String KEYCLOAK = "http://localhost:8180";
    public static final String KAFKA = "localhost:9092";
    public static final String WEBHOOK_RECEIVER = "http://localhost:8090";

    private static boolean started;
    private static boolean startedByUs;

    private RunningExchange() {}

    public static synchronized void ensureUp() {
        if (started) {
            return;
        }
        Path home = home();
        boolean alreadyUp = ready(GATEWAY)
                && ready(PORTAL)
                && ready("http://localhost:8081")
                && ready("http://localhost:8082")
                && Files.exists(home.resolve(".chartstream/run/alice.person"));
        if (!alreadyUp) {
            run(home, Duration.ofMinutes(20), "./chartstream", "up");
            startedByUs = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (!"true".equals(System.getProperty("chartstream.keep-running"))) {
                    run(home, Duration.ofMinutes(3), "./chartstream", "down");
                }
            }));
        }
        started = true;
    }

    /** {@code ./chartstream up} again: starts whatever part is not running (after a crash, say); returns what it printed. */
    public static String heal() {
        return run(home(), Duration.ofMinutes(10), "./chartstream", "up");
    }

    /** Runs a shell command line from the repository root, as a user pasting it would; returns its output. */
    public static String shell(String commandLine) {
        return run(home(), Duration.ofMinutes(1), "bash", "-c", commandLine);
    }

    public static boolean startedByUs() {
        return startedByUs;
    }

    /** The demo's enterprise person id of alice, written by the demo loader. */
    public static String alicePersonId() {
        try {
            return Files.readString(home().resolve(".chartstream/run/alice.person"))
                    .trim();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the demo did not record alice's person id; did ./chartstream up load the demo?", e);
        }
    }

    public static Path home() {
        String home = System.getProperty("chartstream.home");
        if (home != null) {
            return Path.of(home);
        }
        // from the repository root (exec:java) or from this module (surefire, an IDE)
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("chartstream")) && Files.isDirectory(dir.resolve("system-tests"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find the ./chartstream launcher above " + Path.of("").toAbsolutePath());
    }

    private static boolean ready(String base) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static String run(Path home, Duration timeout, String... command) {
        try {
            File log = home.resolve(".chartstream/system-tests-"
                            + ("bash".equals(command[0]) ? "shell" : command[command.length - 1]) + ".log")
                    .toFile();
            log.getParentFile().mkdirs();
            Process p = new ProcessBuilder(List.of(command))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish in " + timeout + "; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                        + Files.readString(log.toPath()));
            }
            return Files.readString(log.toPath());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
