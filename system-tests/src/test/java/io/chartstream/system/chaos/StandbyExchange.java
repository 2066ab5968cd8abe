package io.chartstream.system.chaos;

import io.chartstream.system.RunningExchange;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second exchange-service replica beside the launcher's, on its own port, with the same jar,
 * database, Kafka and Keycloak (the launcher's {@code start_service} environment): the standby that
 * must take over the relay and the webhook dispatcher when the leader freezes. Started after the
 * first replica, so the first one leads.
 */
final class StandbyExchange implements AutoCloseable {

    private final Process process;
    private final String base;

    private StandbyExchange(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    static StandbyExchange start(int port) throws IOException, InterruptedException {
        Path home = RunningExchange.home();
        Path jar = home.resolve("exchange-service/target/quarkus-app/quarkus-run.jar");
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        javaBinary,
                        "-Xms64m",
                        "-Xmx384m",
                        "-XX:+UseSerialGC",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-jar",
                        jar.toString()))
                .directory(home.resolve("exchange-service").toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        home.resolve(".chartstream/logs/exchange-standby.log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "CHARTSTREAM_PG_URL",
                        "jdbc:postgresql://localhost:5432",
                        "KAFKA_BOOTSTRAP_SERVERS",
                        RunningExchange.KAFKA,
                        "KEYCLOAK_URL",
                        RunningExchange.KEYCLOAK,
                        "QUARKUS_HTTP_PORT",
                        Integer.toString(port),
                        "CHARTSTREAM_PATIENT_SERVICE_URL",
                        "http://localhost:8081",
                        "CHARTSTREAM_CLINICAL_SERVICE_URL",
                        "http://localhost:8082",
                        "CHARTSTREAM_GATEWAY_FHIR_BASE",
                        RunningExchange.GATEWAY + "/fhir",
                        "CHARTSTREAM_EXCHANGE_URL",
                        RunningExchange.GATEWAY,
                        // the leader holds the MLLP port on this machine: the standby listens on a free one
                        "CHARTSTREAM_HL7_PORT",
                        "0"));
        StandbyExchange standby = new StandbyExchange(builder.start(), "http://localhost:" + port);
        standby.awaitReady(Duration.ofMinutes(4));
        return standby;
    }

    String base() {
        return base;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the standby exchange-service stopped while starting; see "
                        + ".chartstream/logs/exchange-standby.log");
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("the standby exchange-service was not ready within " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
