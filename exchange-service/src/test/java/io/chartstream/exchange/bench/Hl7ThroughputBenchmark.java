package io.chartstream.exchange.bench;

import io.chartstream.exchange.hl7.infrastructure.Hl7TestMessages;
import io.chartstream.exchange.hl7.infrastructure.Hl7TestMessages.Person;
import io.chartstream.exchange.hl7.infrastructure.MllpClient;
import io.chartstream.exchange.hl7.infrastructure.MllpListener;
import io.chartstream.exchange.organization.application.DemoOrganizations;
import io.chartstream.exchange.support.FakeOwners;
import io.chartstream.testsupport.CpuMeter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sustained HL7 v2 over MLLP (issue 13: at least 1,000 messages/s, ACK p99 at most 50 ms): ADT^A04
 * and ORU^R01 alternating, each of a new patient, on {@code bench.connections} (4) connections,
 * each message's ACK awaited before the next (MLLP's own flow control). Measures the listener,
 * parsing, conversion, validation, the idempotency record, the care and audit steps of the
 * exchange on its real PostgreSQL; the owners behind it are {@link FakeOwners} (answers in
 * microseconds), so this is the exchange's share, not the whole path. Every ACK must be AA.
 * Run with {@code mvn -pl exchange-service -am test -Dtest=Hl7ThroughputBenchmark -Dbench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class Hl7ThroughputBenchmark {

    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 4);
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warm-up-seconds", 15));
    private static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.phase-seconds", 30));
    private static final String OID = DemoOrganizations.RIVERSIDE_MRN.substring("urn:oid:".length());

    @Inject
    MllpListener listener;

    @Inject
    DataSource dataSource;

    private record Phase(long messages, long[] latenciesMicros, long notAccepted) {}

    @Test
    void sustainedAdtAndOruOverFourConnections() throws Exception {
        run(WARM_UP);
        CpuMeter cpu = new CpuMeter(dataSource);
        CpuMeter.Reading before = cpu.read();
        long started = System.nanoTime();
        List<Phase> phases = run(MEASURED);
        double seconds = (System.nanoTime() - started) / 1e9;
        CpuMeter.Reading used = cpu.read().minus(before);

        long messages = phases.stream().mapToLong(Phase::messages).sum();
        long[] all = phases.stream()
                .flatMapToLong(p -> Arrays.stream(p.latenciesMicros()))
                .sorted()
                .toArray();
        System.out.printf(
                "HL7 bench: %d connections, %.0f s: %d messages, %.0f messages/s, ACK p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                CONNECTIONS,
                seconds,
                messages,
                messages / seconds,
                percentile(all, 0.50) / 1000.0,
                percentile(all, 0.99) / 1000.0,
                all[all.length - 1] / 1000.0);
        // CPU per message does not change with what else runs on the machine; messages/s does
        System.out.printf(
                "HL7 bench: CPU per message: this JVM %.2f ms (without the JIT compiler %.2f ms; the fake owners"
                        + " and the broker included), PostgreSQL %.2f ms; by thread group (ms): %s%n",
                1000 * used.jvm() / messages,
                1000 * (used.jvm() - used.compiler()) / messages,
                1000 * used.postgres() / messages,
                used.top(8, messages));
        assertEquals(0, phases.stream().mapToLong(Phase::notAccepted).sum(), "every message is accepted (AA)");
    }

    private List<Phase> run(Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<Phase>> running = new ArrayList<>();
            long until = System.nanoTime() + duration.toNanos();
            for (int i = 0; i < CONNECTIONS; i++) {
                running.add(pool.submit(() -> connection(until)));
            }
            List<Phase> phases = new ArrayList<>();
            for (Future<Phase> f : running) {
                phases.add(f.get());
            }
            return phases;
        } finally {
            pool.shutdownNow();
        }
    }

    private Phase connection(long until) throws Exception {
        long[] latencies = new long[1 << 20];
        int n = 0;
        long notAccepted = 0;
        try (MllpClient sender = new MllpClient(listener.port())) {
            while (System.nanoTime() < until && n < latencies.length) {
                String run = UUID.randomUUID().toString().substring(0, 18);
                Person person = new Person("B-" + run, OID, "Bench", "Pat", "19750101");
                String message = n % 2 == 0
                        ? Hl7TestMessages.admission("A04", DemoOrganizations.RIVERSIDE_FACILITY, run, person)
                                .encode()
                        : Hl7TestMessages.labResult(DemoOrganizations.RIVERSIDE_FACILITY, run, person)
                                .encode();
                long t0 = System.nanoTime();
                MllpClient.Ack ack = sender.send(message);
                latencies[n++] = (System.nanoTime() - t0) / 1000;
                if (!"AA".equals(ack.code())) {
                    notAccepted++;
                }
            }
        }
        return new Phase(n, Arrays.copyOf(latencies, n), notAccepted);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
