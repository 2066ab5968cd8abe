package io.chartstream.system.bench;

import com.sun.net.httpserver.HttpServer;
import io.chartstream.system.bench.ClosedLoop.Outcome;
import io.chartstream.system.bench.LoadOptions.Operation;
import io.chartstream.testsupport.FhirSamples;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's own parts that need no gateway: its arguments, its loop, its arithmetic and its table. */
class GatewayLoadBenchmarkTest {

    @Test
    void theDocumentedArgumentsSetEachCountAndTheRestKeepTheirDefaults() {
        LoadOptions o = LoadOptions.parse(
                "--concurrency",
                "8",
                "--patients",
                "20",
                "--observations",
                "0",
                "--warmup",
                "5",
                "--base",
                "http://127.0.0.1:8083/fhir/");
        assertEquals(8, o.concurrency());
        assertEquals(20, o.count(Operation.CREATE_PATIENT));
        assertEquals(0, o.count(Operation.CREATE_OBSERVATION));
        assertEquals(500, o.count(Operation.READ_PATIENT));
        assertEquals(5, o.warmup());
        assertEquals("http://127.0.0.1:8083/fhir", o.base());
        assertNull(o.token());
        assertEquals(Duration.ofSeconds(60), o.requestTimeout());
        assertEquals(Duration.ofSeconds(1800), o.maxDuration());
    }

    @Test
    void aMistypedOrMissingArgumentIsRefusedWithTheUsage() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--observation", "5"));
        assertTrue(unknown.getMessage().contains("--observations N"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--reads"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--reads", "many"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--concurrency", "0"));
        assertTrue(LoadOptions.wantsHelp("--reads", "1", "--help"));
    }

    @Test
    void percentilesAreNearestRank() {
        PhaseResult hundred = phase(
                LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000).boxed().toList());
        assertEquals(50.0, hundred.percentileMillis(50));
        assertEquals(95.0, hundred.percentileMillis(95));
        assertEquals(99.0, hundred.percentileMillis(99));
        PhaseResult three = phase(List.of(30_000_000L, 10_000_000L, 20_000_000L));
        assertEquals(20.0, three.percentileMillis(50));
        assertEquals(30.0, three.percentileMillis(95));
        assertEquals(10.0, three.percentileMillis(0));
        assertTrue(Double.isNaN(phase(List.of()).percentileMillis(50)));
    }

    @Test
    void opsPerSecondCountsAnsweredRequestsOverThePhasesWallTime() {
        PhaseResult p = new PhaseResult(
                "read Patient", List.of(1L, 2L, 3L, 4L), List.of("HTTP 500"), List.of(), Duration.ofSeconds(2), false);
        assertEquals(2.0, p.opsPerSecond());
        assertEquals(4, p.ok());
    }

    @Test
    void theTableHasOneRowPerOperationAndNamesTheFirstError() {
        PhaseResult reads = new PhaseResult(
                "read Patient",
                List.of(14_000_000L, 50_000_000L),
                List.of("HTTP 403 forbidden", "HTTP 500"),
                List.of(),
                Duration.ofSeconds(1),
                false);
        PhaseResult cut = new PhaseResult("Patient/$everything", List.of(), List.of(), List.of(), Duration.ZERO, true);
        String table = LoadReport.table(List.of(reads, cut));
        assertEquals("""
                | operation | ok | errors | ops/s | p50 | p95 | p99 |
                |---|---|---|---|---|---|---|
                | read Patient | 2 | 2 | 2.0 | 14 ms | 50 ms | 50 ms |
                | Patient/$everything (truncated: --max-seconds) | 0 | 0 | 0.0 | - | - | - |
                read Patient: first error HTTP 403 forbidden
                """, table.replace(System.lineSeparator(), "\n"));
    }

    @Test
    void theLoopSendsEveryRequestOnceAndKeepsTheCreatedIds() throws Exception {
        Set<Integer> sent = ConcurrentHashMap.newKeySet();
        PhaseResult p = new ClosedLoop(
                        4, System.nanoTime() + Duration.ofMinutes(1).toNanos())
                .run("create Patient", 50, i -> {
                    assertTrue(sent.add(i), "request " + i + " sent twice");
                    return i % 10 == 0 ? Outcome.failed("HTTP 422") : Outcome.answered("id-" + i);
                });
        assertEquals(50, sent.size());
        assertEquals(45, p.ok());
        assertEquals(5, p.errors().size());
        assertEquals(45, p.createdIds().size());
        assertFalse(p.truncated());
    }

    @Test
    void pastTheRunsDeadlineNoRequestIsSentAndThePhaseIsMarkedTruncated() throws Exception {
        PhaseResult p = new ClosedLoop(2, System.nanoTime() - 1).run("read Patient", 10, i -> Outcome.answered(null));
        assertEquals(0, p.ok());
        assertTrue(p.truncated());
    }

    @Test
    void theCreatedIdComesFromTheLocationHeaderElseFromTheBody() {
        String id = "0b6a4c1e-5a4d-4e8b-9a43-2f0f6f5c2d11";
        assertEquals(id, GatewayClient.createdId("http://localhost:8083/fhir/Observation/" + id + "/_history/1", ""));
        assertEquals(id, GatewayClient.createdId("Patient/" + id, ""));
        Patient linked = FhirSamples.patient("urn:riverside-clinic:mrn", "LOAD-1", "Ana", "Load", "1970-01-01");
        linked.setId(id);
        assertEquals(id, GatewayClient.createdId(null, FhirSamples.json(linked)));
    }

    @Test
    void theWholeMixRunsAgainstAGatewayOnLoopback() throws Exception {
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        HttpServer gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/fhir", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath().substring("/fhir/".length());
            requests.add(exchange.getRequestMethod() + " " + path + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            if (exchange.getRequestMethod().equals("POST")) {
                Resource created = (Resource) FhirSamples.FHIR.newJsonParser().parseResource(body);
                if (!created.fhirType().equals(path)) {
                    exchange.sendResponseHeaders(400, -1); // a benchmark error, which fails the test below
                } else {
                    exchange.getResponseHeaders()
                            .add("Location", "http://127.0.0.1/fhir/" + path + "/" + UUID.randomUUID() + "/_history/1");
                    exchange.sendResponseHeaders(201, -1);
                }
            } else {
                byte[] bundle = FhirSamples.json(new Bundle()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bundle.length);
                exchange.getResponseBody().write(bundle);
            }
            exchange.close();
        });
        gateway.start();
        try {
            LoadOptions options = LoadOptions.parse(
                    "--concurrency",
                    "2",
                    "--warmup",
                    "2",
                    "--patients",
                    "3",
                    "--observations",
                    "4",
                    "--conditions",
                    "1",
                    "--medications",
                    "1",
                    "--allergies",
                    "0",
                    "--reads",
                    "2",
                    "--searches",
                    "2",
                    "--everything",
                    "1");
            String base = "http://127.0.0.1:" + gateway.getAddress().getPort() + "/fhir";
            List<PhaseResult> phases = new GatewayLoadBenchmark(options, base, () -> "t0ken").measure();

            assertEquals(
                    List.of(
                            "create Patient",
                            "create Observation",
                            "create Condition",
                            "create MedicationRequest",
                            "read Patient",
                            "search Observation?patient",
                            "Patient/$everything"),
                    phases.stream().map(PhaseResult::operation).toList());
            assertTrue(phases.stream().allMatch(p -> p.errors().isEmpty()), LoadReport.table(phases));
            assertEquals(
                    List.of(3, 4, 1, 1, 2, 2, 1),
                    phases.stream().map(PhaseResult::ok).toList());
            assertEquals(6 + 14, requests.size(), "2 warm-up creates, reads and searches, then 14 measured");
            assertTrue(requests.stream().allMatch(r -> r.endsWith(" Bearer t0ken")), requests.toString());
            assertFalse(requests.contains("POST AllergyIntolerance Bearer t0ken"), "a count of 0 skips it");
        } finally {
            gateway.stop(0);
        }
    }

    private static PhaseResult phase(List<Long> latenciesNanos) {
        return new PhaseResult("p", latenciesNanos, List.of(), List.of(), Duration.ofSeconds(1), false);
    }
}
