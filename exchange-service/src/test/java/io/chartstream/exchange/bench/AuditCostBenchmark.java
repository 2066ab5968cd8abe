package io.chartstream.exchange.bench;

import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.exchange.support.GatewayCalls;
import io.chartstream.exchange.support.GatewayCalls.Setup;
import io.chartstream.fhir.ActingParty;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What auditing costs the read path (issue 9: at most 10 %): {@code $everything} reads through
 * the gateway on real PostgreSQL, with the RecordDisclosed append and without it, alternating
 * phases in one run so both see the same machine. Prints reads/s per phase and the ratio. Not a
 * test (nothing is timed against a goal); run it with
 * {@code mvn -pl exchange-service test -Dtest=AuditCostBenchmark -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AuditCostBenchmark {

    private static final int PERSONS = 20;
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.phase-seconds", 10));
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @Inject
    Disclosures disclosures;

    @TestHTTPResource("/")
    URL base;

    @Test
    void readThroughputWithAndWithoutAudit() throws Exception {
        List<String> persons = new ArrayList<>();
        for (int i = 0; i < PERSONS; i++) {
            Setup s = GatewayCalls.personWithAnObservation();
            persons.add(s.person() + " " + TestTokens.clinician("dr.bench", s.clinic()));
        }
        phase(persons, Duration.ofSeconds(5)); // warm-up, audited
        double audited = 0;
        double unaudited = 0;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                disclosures.skipAuditForBenchmark(false);
                double with = phase(persons, PHASE);
                disclosures.skipAuditForBenchmark(true);
                double without = phase(persons, PHASE);
                System.out.printf(
                        "audit-cost round %d: with audit %.0f reads/s, without %.0f reads/s (%.1f %%)%n",
                        round, with, without, 100.0 * (without - with) / without);
                audited += with;
                unaudited += without;
            }
        } finally {
            disclosures.skipAuditForBenchmark(false);
        }
        double appends = appendsAlone(persons, PHASE);
        System.out.printf(
                "audit-cost: RecordDisclosed appends alone (no read), %d threads: %.0f appends/s%n", THREADS, appends);
        System.out.printf(
                "audit-cost: %d threads, %d persons, %d rounds of %d s: with audit %.0f reads/s, without %.0f"
                        + " reads/s; auditing costs %.1f %% of read throughput (goal <= 10 %%)%n",
                THREADS,
                PERSONS,
                ROUNDS,
                PHASE.toSeconds(),
                audited / ROUNDS,
                unaudited / ROUNDS,
                100.0 * (unaudited - audited) / unaudited);
    }

    /** Where the cost is: the synchronous part of auditing a read, the disclosure's append, alone. */
    private double appendsAlone(List<String> persons, Duration length) throws Exception {
        AtomicLong appends = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        ActingParty caller = new ActingParty("bench-org", "dr.bench", null);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    UUID person =
                            UUID.fromString(persons.get(i++ % persons.size()).split(" ")[0]);
                    disclosures.record(person, caller, "Patient/$everything", "TREAT");
                    appends.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return appends.get() / (double) length.toSeconds();
    }

    /**
     * Reads $everything round robin over the persons from {@code THREADS} threads, each its own
     * client on its own HTTP/1.1 connection as separate EHR systems would be (one shared HTTP/2
     * connection would put every read behind one server event loop); answers reads/s.
     */
    private double phase(List<String> persons, Duration length) throws Exception {
        AtomicLong reads = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                int i = offset;
                while (System.nanoTime() < end) {
                    String[] pc = persons.get(i++ % persons.size()).split(" ");
                    HttpRequest request = HttpRequest.newBuilder(
                                    URI.create(base + "fhir/Patient/" + pc[0] + "/$everything"))
                            .header("Authorization", "Bearer " + pc[1])
                            .GET()
                            .build();
                    HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
                    assertEquals(200, answer.statusCode());
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return reads.get() / (double) length.toSeconds();
    }
}
