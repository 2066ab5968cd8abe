package io.chartstream.exchange.bench;

import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.exchange.support.GatewayCalls;
import io.chartstream.exchange.support.GatewayCalls.Setup;
import io.chartstream.exchange.support.RecordEvents;
import io.chartstream.fhir.ActingParty;
import io.chartstream.testsupport.CpuMeter;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
 * the gateway on real PostgreSQL, with the disclosure's audit record and without it, alternating
 * phases in one run so both see the same machine. Prints reads/s per phase and the ratio. Not a
 * test (nothing is timed against a goal); run it with
 * {@code mvn -pl exchange-service test -Dtest=AuditCostBenchmark -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AuditCostBenchmark {

    private static final int PERSONS = 20;
    /** Entries in each person's record, so each read discloses this many Observations (and the Patient). */
    private static final int ENTRIES = Integer.getInteger("bench.entries", 1);
    /**
     * Whether the SIEM stream runs in this JVM (true, the default): to measure the read path
     * without it, leave the stream out with
     * {@code -Dbench.siem=false -Dquarkus.arc.exclude-types=io.chartstream.exchange.audit.infrastructure.AuditStream}.
     */
    private static final boolean SIEM = Boolean.parseBoolean(System.getProperty("bench.siem", "true"));

    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.phase-seconds", 10));
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warm-up-seconds", 20));
    private static final Duration WARM_UP_STRETCH = Duration.ofSeconds(2);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @Inject
    Disclosures disclosures;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    private CpuMeter cpu;
    private CpuTotal cpuAudited = new CpuTotal();
    private CpuTotal cpuUnaudited = new CpuTotal();

    /** CPU seconds and reads over the measured phases of one kind. */
    private static final class CpuTotal {
        double jvm;
        double postgres;
        double compiler;
        long reads;

        void add(CpuMeter.Reading used, long phaseReads) {
            jvm += used.jvm();
            postgres += used.postgres();
            compiler += used.compiler();
            reads += phaseReads;
        }

        double perRead() {
            return 1000.0 * (jvm + postgres) / Math.max(1, reads);
        }

        /** Without the JIT compiler's threads: the flips between the phases make it recompile, a running exchange does not. */
        double compiledPerRead() {
            return 1000.0 * (jvm - compiler + postgres) / Math.max(1, reads);
        }
    }

    @Test
    void readThroughputWithAndWithoutAudit() throws Exception {
        List<String> persons = new ArrayList<>();
        for (int i = 0; i < PERSONS; i++) {
            Setup s = GatewayCalls.personWithAnObservation();
            String last = null;
            for (int e = 1; e < ENTRIES; e++) {
                last = RecordEvents.publish(
                        RecordEvents.observationRecorded(s.person(), s.clinic(), UUID.randomUUID(), 5.0 + e / 100.0));
            }
            if (last != null) {
                String caughtUp = last;
                // 503 while the view has not caught up with the record's entries yet
                Eventually.assertThat(() -> GatewayCalls.everything(s.clinic(), s.person(), caughtUp)
                        .statusCode(200));
            }
            persons.add(s.person() + " " + TestTokens.clinician("dr.bench", s.clinic()));
        }
        cpu = new CpuMeter(dataSource);
        // Warm-up of both paths in short alternating stretches, so that the compiled code has seen
        // both branches of every flip: a long stretch of one kind lets the JIT compiler leave the
        // other branch out, and the next measured phase of that kind then runs deoptimized code
        // until it is compiled again (a cost of the benchmark's flips that a running exchange,
        // which always audits, never pays).
        for (long warm = 0; warm < 2 * WARM_UP.toSeconds(); warm += 2 * WARM_UP_STRETCH.toSeconds()) {
            disclosures.skipAuditForBenchmark(false);
            phase(persons, WARM_UP_STRETCH, true, false);
            disclosures.skipAuditForBenchmark(true);
            phase(persons, WARM_UP_STRETCH, false, false);
        }
        cpuAudited = new CpuTotal();
        cpuUnaudited = new CpuTotal();
        double audited = 0;
        double unaudited = 0;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                disclosures.skipAuditForBenchmark(false);
                double with = phase(persons, PHASE, true, true);
                disclosures.skipAuditForBenchmark(true);
                double without = phase(persons, PHASE, false, true);
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
                "audit-cost: disclosure records alone (no read), %d threads: %.0f records/s%n", THREADS, appends);
        System.out.printf(
                "audit-cost: SIEM stream %s; %d threads, %d persons of %d entries, %d rounds of %d s: with audit %.0f reads/s, without %.0f"
                        + " reads/s; auditing costs %.1f %% of read throughput (goal <= 10 %%)%n",
                SIEM ? "on" : "left out",
                THREADS,
                PERSONS,
                ENTRIES,
                ROUNDS,
                PHASE.toSeconds(),
                audited / ROUNDS,
                unaudited / ROUNDS,
                100.0 * (unaudited - audited) / unaudited);
        System.out.printf(
                "audit-cost: CPU per read (JVM + PostgreSQL, drain included): %.2f ms audited, %.2f ms not;"
                        + " on a CPU-bound machine auditing costs %.1f %% of read throughput%n",
                cpuAudited.perRead(),
                cpuUnaudited.perRead(),
                100.0 * (1 - cpuUnaudited.perRead() / cpuAudited.perRead()));
        System.out.printf(
                "audit-cost: CPU per read without the JIT compiler's threads: %.2f ms audited, %.2f ms not;"
                        + " auditing costs %.1f %% of read throughput once compiled%n",
                cpuAudited.compiledPerRead(),
                cpuUnaudited.compiledPerRead(),
                100.0 * (1 - cpuUnaudited.compiledPerRead() / cpuAudited.compiledPerRead()));
    }

    /** Where the cost is: the synchronous part of auditing a read, the disclosure's record, alone. */
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
                    disclosures.record(person, caller, "Patient/$everything", "TREAT", List.of("Patient/" + person));
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
     * connection would put every read behind one server event loop); answers reads/s, and reports
     * the phase unless it is a stretch of the warm-up.
     */
    private double phase(List<String> persons, Duration length, boolean audited, boolean report) throws Exception {
        CpuMeter.Reading cpuBefore = cpu.read();
        AtomicLong reads = new AtomicLong();
        AtomicLong readNanos = new AtomicLong();
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
                    long t0 = System.nanoTime();
                    HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
                    readNanos.addAndGet(System.nanoTime() - t0);
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
        if (!report) {
            awaitDrained();
            return reads.get() / (double) length.toSeconds();
        }
        System.out.printf(
                "audit-cost: %s phase: %d reads, mean read latency %.2f ms%n",
                audited ? "audited" : "unaudited", reads.get(), readNanos.get() / 1e6 / Math.max(1, reads.get()));
        // What the phase's disclosures still owe (relay, audit trail, SIEM stream) is charged to
        // the phase: it ends only when the last of them is in the trail and published, so the
        // next phase starts on an idle machine.
        long drainStart = System.nanoTime();
        awaitDrained();
        double drain = (System.nanoTime() - drainStart) / 1e9;
        CpuMeter.Reading used = cpu.read().minus(cpuBefore);
        double perRead = 1000.0 / Math.max(1, reads.get());
        System.out.printf(
                "audit-cost: %s phase CPU per read (drain included): %.2f ms in the JVM (service, clients, broker),"
                        + " %.2f ms in PostgreSQL%n",
                audited ? "audited" : "unaudited", used.jvm() * perRead, used.postgres() * perRead);
        System.out.printf(
                "audit-cost: %s phase, JVM threads, ms of CPU per read: %s%n",
                audited ? "audited" : "unaudited", used.top(10, reads.get()));
        (audited ? cpuAudited : cpuUnaudited).add(used, reads.get());
        if (audited) {
            System.out.printf(
                    "audit-cost: %.2f s after the audited phase until its disclosures were in the trail and published%n",
                    drain);
        }
        return reads.get() / (length.toSeconds() + drain);
    }

    /** Until the outbox is empty and the audit trail is published to the SIEM topic up to its last record. */
    private void awaitDrained() throws Exception {
        String outbox = "select count(*) from es_outbox";
        String unpublished = """
                select count(*) from audit.audit_log a, audit.audit_publication p
                 where a.sequence > p.published_sequence""";
        String pending = SIEM ? "select (" + outbox + ") + (" + unpublished + ")" : outbox;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(pending)) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the audit work of a phase did not drain within 2 minutes");
    }
}
