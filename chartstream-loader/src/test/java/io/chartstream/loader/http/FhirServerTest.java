package io.chartstream.loader.http;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chartstream.loader.http.Answer.Accepted;
import io.chartstream.loader.http.Answer.Refused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Against an in-process HTTP stub that answers from a script: what is retried, with which key. */
class FhirServerTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String OUTCOME =
            "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\","
                    + "\"diagnostics\":\"Observation.status is required\"},{\"severity\":\"error\",\"code\":\"x\"}]}";

    private record Reply(int status, String body) {}

    private record Seen(String key, String authorization, String body, String contentType) {}

    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Seen> seen = new ArrayList<>();
    private HttpServer stub;

    private FhirServer server(Tokens tokens) throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/fhir", this::answer);
        stub.start();
        URI base = URI.create("http://127.0.0.1:" + stub.getAddress().getPort() + "/fhir/");
        return new FhirServer(
                HttpClient.newHttpClient(),
                base,
                tokens,
                new Backoff(3, Duration.ofMillis(1)),
                Duration.ofSeconds(5),
                FHIR);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body,
                exchange.getRequestHeaders().getFirst("Content-Type")));
        Reply reply = script.removeFirst();
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", FhirServer.FHIR_JSON);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    @Test
    void unavailableAndTooManyRequestsAreRetriedWithTheSameKeyAndBytes() throws Exception {
        FhirServer server = server(Tokens.NONE);
        script.add(new Reply(503, ""));
        script.add(new Reply(429, ""));
        script.add(new Reply(200, "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\"}"));

        Answer answer = server.post("{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8), "k1");

        assertInstanceOf(Accepted.class, answer);
        assertEquals(3, seen.size());
        seen.forEach(s -> {
            assertEquals("k1", s.key());
            assertEquals("{\"resourceType\":\"Bundle\"}", s.body());
            assertEquals(FhirServer.FHIR_JSON, s.contentType());
            assertEquals(null, s.authorization());
        });
    }

    @Test
    void aClientErrorIsRefusedAtOnceWithTheFirstIssue() throws Exception {
        FhirServer server = server(Tokens.NONE);
        script.add(new Reply(422, OUTCOME));

        Answer answer = server.post(new byte[] {'{', '}'}, "k2");

        assertEquals(new Refused(422, "HTTP 422: Observation.status is required"), answer);
        assertEquals(1, seen.size());
    }

    @Test
    void stillUnavailableAfterEveryRetryIsARefusal() throws Exception {
        FhirServer server = server(Tokens.NONE);
        for (int i = 0; i < 4; i++) {
            script.add(new Reply(503, OUTCOME));
        }

        Answer answer = server.post(new byte[] {'{', '}'}, "k3");

        assertEquals(new Refused(503, "HTTP 503: Observation.status is required (after 3 retries)"), answer);
        assertEquals(4, seen.size());
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheChunkSentAgain() throws Exception {
        List<String> issued = new ArrayList<>(List.of("t1", "t2"));
        Tokens tokens = new Tokens() {
            private String current;

            @Override
            public Optional<String> bearer() {
                if (current == null) {
                    current = issued.removeFirst();
                }
                return Optional.of(current);
            }

            @Override
            public void invalidate() {
                current = null;
            }
        };
        FhirServer server = server(tokens);
        script.add(new Reply(401, ""));
        script.add(new Reply(201, "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\"}"));

        Answer answer = server.post(new byte[] {'{', '}'}, "k4");

        assertInstanceOf(Accepted.class, answer);
        assertEquals(
                List.of("Bearer t1", "Bearer t2"),
                seen.stream().map(Seen::authorization).toList());
    }
}
