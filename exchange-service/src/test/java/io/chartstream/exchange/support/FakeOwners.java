package io.chartstream.exchange.support;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chartstream.fhir.FhirValidation;
import io.chartstream.fhir.OperationOutcomes;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays patient-service and clinical-service (and Keycloak's token endpoint) for the gateway's
 * forwarding tests: a real HTTP server on 127.0.0.1 that records every call and answers like
 * an owner (201, ETag, Location, X-ChartStream-Position). The owners themselves are other
 * modules; the whole path through them is covered by the system test.
 */
public class FakeOwners implements QuarkusTestResourceLifecycleManager {

    public record Call(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /** Every call, but the validations: what the owners were asked to write or read. */
    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    /** The validations asked of clinical-service (a batch of {@code Type/$validate}, nothing written). */
    public static final List<Call> VALIDATIONS = new CopyOnWriteArrayList<>();
    /**
     * clinical-service's validator, the real one: the gateway no longer validates, it asks the
     * owner, and an HL7 message whose entry the validator refuses must still be refused whole.
     */
    public static final FhirValidation VALIDATOR = new FhirValidation(FHIR);

    public static final List<String> TOKEN_REQUESTS = new CopyOnWriteArrayList<>();
    private static final AtomicLong POSITION = new AtomicLong(1000);
    /** The clinical entries recorded through the transaction endpoint: "Type/id" → version and resource. */
    private static final Map<String, Recorded> RECORDED = new ConcurrentHashMap<>();

    private record Recorded(long version, String json) {}

    private static final ExecutorService HANDLERS = Executors.newFixedThreadPool(
            8, Thread.ofPlatform().daemon().name("fake-owner-", 0).factory());

    private static HttpServer owners;
    private static HttpServer keycloak;
    private static int ownersPort;
    private static int keycloakPort;

    @Override
    public Map<String, String> start() {
        try {
            keycloak = startKeycloak(0);
            keycloakPort = keycloak.getAddress().getPort();
            owners = startOwners(0);
            ownersPort = owners.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String ownersUrl = "http://127.0.0.1:" + ownersPort;
        return Map.of(
                "chartstream.patient-service.url", ownersUrl,
                "chartstream.clinical-service.url", ownersUrl,
                "quarkus.oidc-client.auth-server-url", "http://127.0.0.1:" + keycloakPort + "/realms/chartstream");
    }

    @Override
    public void stop() {
        if (owners != null) {
            owners.stop(0);
        }
        if (keycloak != null) {
            keycloak.stop(0);
        }
    }

    /** Keycloak's token endpoint stops answering until {@link #keycloakBack()}. */
    public static synchronized void keycloakDown() {
        keycloak.stop(0);
        keycloak = null;
    }

    public static synchronized void keycloakBack() throws IOException {
        if (keycloak == null) {
            keycloak = startKeycloak(keycloakPort);
        }
    }

    private static HttpServer startKeycloak(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/realms/chartstream/protocol/openid-connect/token", FakeOwners::token);
        server.start();
        return server;
    }

    /** The owners stop answering (connection refused) until {@link #comeBack()}. */
    public static synchronized void goDown() {
        owners.stop(0);
        owners = null;
    }

    public static synchronized void comeBack() throws IOException {
        if (owners == null) {
            owners = startOwners(ownersPort);
        }
    }

    private static HttpServer startOwners(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/fhir/", FakeOwners::owner);
        server.createContext("/fhir", e -> {
            // the validator loads its definitions with the context class loader: the application's, as in the owner
            Thread.currentThread().setContextClassLoader(FakeOwners.class.getClassLoader());
            transaction(e);
        });
        server.createContext("/match-reviews", FakeOwners::matchReviews);
        server.createContext("/match", FakeOwners::patientMatch);
        server.createContext("/person-merges", FakeOwners::personMerges);
        server.createContext("/merge-requests", FakeOwners::mergeRequests);
        // several calls at once, as an owner takes them (validations would queue behind each other on one thread)
        server.setExecutor(HANDLERS);
        server.start();
        return server;
    }

    private static void token(HttpExchange exchange) throws IOException {
        TOKEN_REQUESTS.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String token = TestTokens.withRoles("service-account-chartstream-exchange", "internal-service");
        respond(
                exchange,
                200,
                "application/json",
                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }

    /** Answers a create with 201 and the body it got, an update with 200; If-Match "W/\"0\"" fails with 412. */
    private static void owner(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        CALLS.add(new Call(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        if ("GET".equals(exchange.getRequestMethod())) {
            read(exchange, path.substring("/fhir/".length()));
            return;
        }
        if ("W/\"0\"".equals(exchange.getRequestHeaders().getFirst("If-Match"))) {
            respond(exchange, 412, "application/fhir+json", "{\"resourceType\":\"OperationOutcome\"}");
            return;
        }
        boolean create = "POST".equals(exchange.getRequestMethod());
        String actor = exchange.getRequestHeaders().getFirst("X-ChartStream-Actor");
        if (create && path.equals("/fhir/Patient") && actor != null && actor.startsWith("hl7:")) {
            // an HL7 v2 message's registration: the person id patient-service would give, one per identifier
            String query = String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Exist"));
            UUID person = UUID.nameUUIDFromBytes(query.getBytes(StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Location", "/fhir/Patient/" + person + "/_history/1");
            respond(exchange, 201, "application/fhir+json", "{\"resourceType\":\"Patient\",\"id\":\"" + person + "\"}");
            return;
        }
        String criterion = exchange.getRequestURI().getQuery();
        if ("PUT".equals(exchange.getRequestMethod()) && path.equals("/fhir/Patient") && criterion != null) {
            // a conditional update (an HL7 A08's revision): the person its identifier names, as for the create
            UUID person = UUID.nameUUIDFromBytes(criterion.getBytes(StandardCharsets.UTF_8));
            respond(exchange, 200, "application/fhir+json", "{\"resourceType\":\"Patient\",\"id\":\"" + person + "\"}");
            return;
        }
        String source = path.startsWith("/fhir/Patient") ? "patient-service" : "clinical-service";
        exchange.getResponseHeaders().add("ETag", create ? "W/\"1\"" : "W/\"2\"");
        exchange.getResponseHeaders().add("X-ChartStream-Position", source + "/" + POSITION.incrementAndGet());
        if (create) {
            exchange.getResponseHeaders()
                    .add("Location", "http://127.0.0.1:" + ownersPort + path + "/owner-id/_history/1");
        }
        respond(exchange, create ? 201 : 200, "application/fhir+json", body);
    }

    /**
     * clinical-service's transaction endpoint ({@code POST /fhir}): every entry recorded, answered
     * as a transaction-response with each entry's id.
     */
    private static void transaction(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Bundle request = FHIR.newJsonParser().parseResource(Bundle.class, body);
        Call call = new Call(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body);
        if (request.getType() == Bundle.BundleType.BATCH
                && request.getEntry().stream()
                        .allMatch(e -> e.getRequest().getUrl().endsWith("/$validate"))) {
            VALIDATIONS.add(call);
            respond(
                    exchange,
                    200,
                    "application/fhir+json",
                    FHIR.newJsonParser().encodeResourceToString(verdicts(request)));
            return;
        }
        CALLS.add(call);
        if (request.getType() == Bundle.BundleType.BATCH) {
            respond(
                    exchange,
                    200,
                    "application/fhir+json",
                    FHIR.newJsonParser().encodeResourceToString(reads(request)));
            return;
        }
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (Bundle.BundleEntryComponent entry : request.getEntry()) {
            boolean update = entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT;
            long version = update ? versionOf(entry.getRequest().getIfMatch()) + 1 : 1;
            Recorded before = RECORDED.get(entry.getFullUrl());
            if (update && (before == null || before.version() != version - 1)) {
                respond(exchange, 412, "application/fhir+json", "{\"resourceType\":\"OperationOutcome\"}");
                return;
            }
            RECORDED.put(
                    entry.getFullUrl(),
                    new Recorded(version, FHIR.newJsonParser().encodeResourceToString(entry.getResource())));
            response.addEntry()
                    .getResponse()
                    .setStatus(update ? "200 OK" : "201 Created")
                    .setLocation(entry.getFullUrl() + "/_history/" + version)
                    .setEtag("W/\"" + version + "\"");
        }
        exchange.getResponseHeaders().add("X-ChartStream-Position", "clinical-service/" + POSITION.incrementAndGet());
        respond(exchange, 200, "application/fhir+json", FHIR.newJsonParser().encodeResourceToString(response));
    }

    /** clinical-service's batch of validations: each entry 200 with its OperationOutcome, an error issue per finding. */
    private static Bundle verdicts(Bundle batch) {
        Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        for (Bundle.BundleEntryComponent entry : batch.getEntry()) {
            var errors = VALIDATOR.errors(entry.getResource());
            response.addEntry()
                    .getResponse()
                    .setStatus("200 OK")
                    .setOutcome(
                            errors.isEmpty()
                                    ? OperationOutcomes.of(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, "valid")
                                    : OperationOutcomes.errors(IssueType.INVALID, errors));
        }
        return response;
    }

    /** clinical-service's batch of reads: each entry the version the transaction endpoint recorded last, or 404. */
    private static Bundle reads(Bundle batch) {
        Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        for (Bundle.BundleEntryComponent entry : batch.getEntry()) {
            Recorded recorded = RECORDED.get(entry.getRequest().getUrl());
            Bundle.BundleEntryComponent answer = response.addEntry();
            if (recorded == null) {
                answer.getResponse().setStatus("404 Not Found");
            } else {
                answer.setResource(
                        (org.hl7.fhir.r4.model.Resource) FHIR.newJsonParser().parseResource(recorded.json()));
                answer.getResponse().setStatus("200 OK").setEtag("W/\"" + recorded.version() + "\"");
            }
        }
        return response;
    }

    /** The request's body, after the call is recorded in {@link #CALLS}. */
    private static String recorded(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(new Call(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        return body;
    }

    /** What the fake MPI answers to {@code Patient/$match} (JSON list of graded candidates); a test sets it. */
    public static volatile String MATCH_ANSWER = "[]";

    private static void patientMatch(HttpExchange exchange) throws IOException {
        recorded(exchange);
        respond(exchange, 200, "application/json", MATCH_ANSWER);
    }

    /** The two persons of the review the fake queue holds. */
    public static final UUID REVIEW_PERSON = UUID.fromString("6a0d1e2f-3b4c-4d5e-8f60-718293a4b5c6");

    public static final UUID REVIEW_CANDIDATE = UUID.fromString("1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b");

    /** The merge the fake patient-service answers for a link and for a merge into {@link #REVIEW_CANDIDATE}. */
    public static final UUID MERGE_ID = UUID.fromString("2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b");

    /** clinical-service's read of an entry: the version the transaction endpoint recorded last, or 404. */
    private static void read(HttpExchange exchange, String typeAndId) throws IOException {
        Recorded recorded = RECORDED.get(typeAndId);
        if (recorded == null) {
            respond(exchange, 404, "application/fhir+json", "{\"resourceType\":\"OperationOutcome\"}");
            return;
        }
        exchange.getResponseHeaders().add("ETag", "W/\"" + recorded.version() + "\"");
        respond(exchange, 200, "application/fhir+json", recorded.json());
    }

    private static long versionOf(String etag) {
        return etag == null ? 0 : Long.parseLong(etag.replaceAll("[^0-9]", ""));
    }

    /** patient-service's review queue: one open review; a link is 409 (merge not supported), not-a-match 200. */
    private static void matchReviews(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        CALLS.add(new Call(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        if ("GET".equals(exchange.getRequestMethod())) {
            respond(
                    exchange,
                    200,
                    "application/json",
                    "[{\"reviewId\":\"r-1\",\"score\":50.5,\"person\":{\"personId\":\"" + REVIEW_PERSON
                            + "\"},\"candidate\":{\"personId\":\"" + REVIEW_CANDIDATE + "\"}}]");
        } else if (path.endsWith("/r-merged/decision")) {
            conflict(exchange, "person " + REVIEW_PERSON + " was merged into another already");
        } else if (body.contains("\"link\"")) {
            respond(
                    exchange,
                    200,
                    "application/json",
                    "{\"reviewId\":\"r-1\",\"decision\":\"link\",\"personId\":\"" + REVIEW_PERSON
                            + "\",\"candidatePersonId\":\"" + REVIEW_CANDIDATE + "\",\"mergeId\":\"" + MERGE_ID
                            + "\",\"survivorPersonId\":\"" + REVIEW_CANDIDATE + "\"}");
        } else {
            respond(
                    exchange,
                    200,
                    "application/json",
                    "{\"reviewId\":\"r-1\",\"decision\":\"not-a-match\",\"personId\":\"" + REVIEW_PERSON
                            + "\",\"candidatePersonId\":\"" + REVIEW_CANDIDATE + "\"}");
        }
    }

    /** A merge of anything into {@link #REVIEW_CANDIDATE} is taken; any other is refused as the MPI refuses it. */
    private static void personMerges(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        CALLS.add(new Call(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        if (!body.contains(REVIEW_CANDIDATE.toString()) && !path.endsWith("/unmerge")) {
            conflict(exchange, "only a person of its own can be a survivor");
            return;
        }
        respond(
                exchange,
                200,
                "application/json",
                "{\"mergeId\":\"" + MERGE_ID + "\",\"survivorPersonId\":\"" + REVIEW_CANDIDATE
                        + "\",\"mergedPersonId\":\"" + REVIEW_PERSON + "\"}");
    }

    /** The pairs the fake MPI has a merge request of (survivor value, merged value). */
    private static final java.util.Set<String> MERGE_REQUESTS = ConcurrentHashMap.newKeySet();

    /**
     * patient-service's merge requests, by the merged identifier's value (MRG-1): {@code UNKNOWN...}
     * names no person (404, its field as expression; likewise a survivor {@code UNKNOWN...}),
     * {@code DECLINED...} is a pair an administrator declined (422), {@code CHANGED...} a person
     * that changed meanwhile (409, the first time only), {@code SAME...} names the
     * survivor's person already (200 same-person); any other pair is recorded once (201, then 200).
     * Each person is a name-based id of its identifier's value.
     */
    private static void mergeRequests(HttpExchange exchange) throws IOException {
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(recorded(exchange));
        String survivor = body.path("survivorIdentifier").path("value").asText();
        String merged = body.path("mergedIdentifier").path("value").asText();
        if (survivor.startsWith("UNKNOWN") || merged.startsWith("UNKNOWN")) {
            String field = survivor.startsWith("UNKNOWN") ? "survivorIdentifier" : "mergedIdentifier";
            respond(
                    exchange,
                    404,
                    "application/fhir+json",
                    "{\"resourceType\":\"OperationOutcome\",\"issue\":"
                            + "[{\"severity\":\"error\",\"code\":\"not-found\",\"diagnostics\":\"no person is known under "
                            + field + "\",\"expression\":[\"" + field + "\"]}]}");
            return;
        }
        if (merged.startsWith("CHANGED") && MERGE_REQUESTS.add("changed:" + merged)) {
            // the first time only: a person changed meanwhile, as a concurrent write makes the MPI answer
            conflict(exchange, "one of the persons changed meanwhile: try again");
            return;
        }
        if (merged.startsWith("DECLINED")) {
            respond(
                    exchange,
                    422,
                    "application/fhir+json",
                    "{\"resourceType\":\"OperationOutcome\",\"issue\":"
                            + "[{\"severity\":\"error\",\"code\":\"business-rule\",\"diagnostics\":"
                            + "\"an HIE administrator decided that they are not the same person\"}]}");
            return;
        }
        String survivorPerson = personOf(survivor).toString();
        if (merged.startsWith("SAME")) {
            respond(
                    exchange,
                    200,
                    "application/json",
                    "{\"outcome\":\"same-person\",\"personId\":\"" + survivorPerson + "\"}");
            return;
        }
        boolean recorded = MERGE_REQUESTS.add(survivor + "|" + merged);
        respond(
                exchange,
                recorded ? 201 : 200,
                "application/json",
                "{\"outcome\":\"requested\",\"reviewId\":\"" + personOf(survivor + "|" + merged)
                        + "\",\"personId\":\"" + personOf(merged) + "\",\"survivorPersonId\":\""
                        + survivorPerson + "\"}");
    }

    /** The person the fake MPI says an identifier value (or a pair) names. */
    public static UUID personOf(String value) {
        return UUID.nameUUIDFromBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    private static void conflict(HttpExchange exchange, String diagnostics) throws IOException {
        respond(
                exchange,
                409,
                "application/fhir+json",
                "{\"resourceType\":\"OperationOutcome\",\"issue\":"
                        + "[{\"severity\":\"error\",\"code\":\"conflict\",\"diagnostics\":\"" + diagnostics
                        + "\"}]}");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
