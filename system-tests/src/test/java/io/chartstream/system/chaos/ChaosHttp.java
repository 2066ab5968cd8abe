package io.chartstream.system.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The clients' HTTP: one JDK client, a timeout on every request, and one or more gateways. A
 * client that gets no answer (refused, timed out, 5xx) moves to the next gateway for its retry, as
 * it would behind a load balancer; with one gateway it retries the same one.
 */
final class ChaosHttp {

    static final String FHIR_JSON = "application/fhir+json";

    /** A status with its body and Location, or the exception when nothing answered (status 0). */
    record Answer(int status, String body, String location, String error) {

        boolean answered() {
            return status != 0;
        }

        String describe() {
            return answered() ? "HTTP " + status : error;
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> gateways;
    private final Duration timeout;

    ChaosHttp(List<String> gateways, Duration timeout) {
        this.gateways = List.copyOf(gateways);
        this.timeout = timeout;
    }

    int gatewayCount() {
        return gateways.size();
    }

    /** POST {@code /fhir/<type>} with an Idempotency-Key, to gateway number {@code gateway} (modulo their count). */
    Answer create(int gateway, String token, String type, String body, String idempotencyKey) {
        return send(
                gateway,
                "/fhir/" + type,
                b -> b.header("Authorization", "Bearer " + token)
                        .header("Content-Type", FHIR_JSON)
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET a path under the gateway (e.g. {@code /fhir/Patient/<id>/$everything}). */
    Answer get(int gateway, String token, String path) {
        return send(
                gateway, path, b -> b.header("Authorization", "Bearer " + token).GET());
    }

    private Answer send(int gateway, String path, Function<HttpRequest.Builder, HttpRequest.Builder> request) {
        String base = gateways.get(Math.floorMod(gateway, gateways.size()));
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Accept", FHIR_JSON);
        try {
            HttpResponse<String> r = http.send(request.apply(builder).build(), HttpResponse.BodyHandlers.ofString());
            Optional<String> location = r.headers().firstValue("Location");
            return new Answer(r.statusCode(), r.body(), location.orElse(null), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", null, "interrupted");
        } catch (Exception e) {
            return new Answer(0, "", null, e.getClass().getSimpleName());
        }
    }
}
