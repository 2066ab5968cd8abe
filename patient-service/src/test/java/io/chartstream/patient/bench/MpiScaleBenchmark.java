package io.chartstream.patient.bench;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.patient.bench.Arrivals.Arrival;
import io.chartstream.patient.matching.domain.BlockingKeys;
import io.chartstream.patient.matching.domain.MatchRecord;
import io.chartstream.patient.matching.infrastructure.MatchIndex;
import io.chartstream.patient.registration.application.RegistrationService;
import io.chartstream.patient.registration.domain.Demographics;
import io.chartstream.patient.registration.infrastructure.PatientEventCodec;
import io.chartstream.patient.registration.infrastructure.PatientFhirMapper;
import io.chartstream.testsupport.CpuMeter;
import io.chartstream.testsupport.SharedPostgres;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 12's scale figure: registrations against an index of a million persons, through the
 * application service the REST endpoint calls ({@link RegistrationService}: match, decide, index,
 * append, on the real PostgreSQL, with the outbox relay publishing to the real Kafka). A benchmark,
 * not a test: it prints figures and asserts nothing.
 *
 * <pre>
 * mvn -o -q -pl patient-service -am test -Dtest=MpiScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench=true -Dchartstream.test.pg.data-dir=/tmp/chartstream-mpi-1m \
 *     [-Dbench.persons=1000000] [-Dbench.rate=300 (or several: 150,300)] [-Dbench.seconds=60] [-Dbench.threads=8]
 *     [-Dbench.warm-up-seconds=30] [-Dbench.timeline=false] [-Dchartstream.test.pg.shared-buffers=1GB]
 * </pre>
 *
 * The first run with a data directory loads the million into it (IndexLoad, minutes); later runs
 * cut the index back to that million and reuse it. Without {@code chartstream.test.pg.data-dir}
 * the database is temporary and the million is loaded every time.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class MpiScaleBenchmark {

    private static final int PERSONS = Integer.getInteger("bench.persons", 1_000_000);
    /** The offered rates of the open-loop windows, one after the other (the first also warms up). */
    private static final List<Integer> RATES = Arrays.stream(
                    System.getProperty("bench.rate", "300").split(","))
            .map(r -> Integer.parseInt(r.trim()))
            .toList();

    private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warm-up-seconds", 30);
    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    /** Print each open-loop window second by second (what {@link Sampler} saw), on by default. */
    private static final boolean TIMELINE = !"false".equals(System.getProperty("bench.timeline"));

    private static final int LOAD_THREADS = Integer.getInteger("bench.load-threads", 2);

    @Inject
    DataSource dataSource;

    @Inject
    JdbcEventStore store;

    @Inject
    PatientEventCodec codec;

    @Inject
    FhirContext fhir;

    @Inject
    RegistrationService registrations;

    @Inject
    MatchIndex matchIndex;

    private ScalePatients patients;
    private CpuMeter cpu;
    private long closedLoopCompleted;

    @Test
    void registrationsAgainstAMillionPersons() throws Exception {
        patients = new ScalePatients(new PatientFhirMapper(fhir));
        IndexLoad load = new IndexLoad(dataSource, store, codec, patients);
        long loaded = load.loaded();
        System.out.printf("%nMPI scale: %,d persons wanted, %,d in the baseline%n", PERSONS, loaded);
        if (loaded == 0 && count("select count(*) from es_event") > 0) {
            throw new IllegalStateException("the database holds events but no baseline (an interrupted load?):"
                    + " start from an empty data directory");
        }
        if (loaded > 0) {
            load.trimToBaseline();
        }
        if (loaded < PERSONS) {
            load.load((int) loaded, PERSONS, LOAD_THREADS);
        }
        sizes("index before the runs");
        commonNameBlocks();

        long seed = System.currentTimeMillis() / 1000;
        cpu = new CpuMeter(dataSource);
        System.out.println(openLoop("warm-up", RATES.get(0), WARM_UP_SECONDS, seed));
        for (int rate : RATES) {
            System.out.println(openLoop("open loop at " + rate + "/s", rate, SECONDS, seed += 7));
        }
        Statements statements = new Statements(dataSource);
        statements.reset();
        System.out.println(closedLoop(THREADS, SECONDS, seed + 2));
        statements.print(closedLoopCompleted);
        sizes("index after the runs");
        memory();
    }

    /** Registrations offered at {@code rate}/s whatever the answers; latency counted from when each was due. */
    private String openLoop(String name, int rate, int seconds, long seed) throws Exception {
        Arrivals arrivals = new Arrivals(seed, patients, PERSONS);
        int total = rate * seconds;
        // made before the clock starts: building and encoding each Patient is the sending system's work, and on
        // this machine's two cores it would take CPU from the service and make the generator late
        Arrival[] offered = new Arrival[total];
        for (int i = 0; i < total; i++) {
            offered[i] = arrivals.next();
        }
        Measured measured = new Measured(total);
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        CpuMeter.Reading before = cpu.read();
        long start = System.nanoTime();
        Timeline timeline = new Timeline(start, seconds);
        try (Sampler sampler = sampler(timeline);
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Arrival arrival = offered[i];
                offered[i] = null;
                timeline.dispatched(due, System.nanoTime());
                workers.execute(() -> {
                    register(arrival, due, measured);
                    timeline.finished(due, System.nanoTime());
                });
            }
            workers.shutdown();
            workers.awaitTermination(1, TimeUnit.MINUTES);
        }
        String summary =
                measured.summary(name, (System.nanoTime() - start) / 1e9) + cpuPer(before, measured.completed());
        return TIMELINE ? summary + System.lineSeparator() + timeline.print(seconds) : summary;
    }

    private Sampler sampler(Timeline timeline) throws Exception {
        return new Sampler(
                timeline,
                dataSource,
                cpu,
                SharedPostgres.jdbcUrl("chartstream_patient"),
                SharedPostgres.username(),
                SharedPostgres.password());
    }

    /**
     * CPU per completed registration (a registration that timed out waiting for a connection did
     * almost nothing): machine-independent where registrations/s are not (the machine is shared).
     */
    private String cpuPer(CpuMeter.Reading before, long registrations) throws Exception {
        CpuMeter.Reading used = cpu.read().minus(before);
        return String.format(
                "%n  CPU per registration: JVM %.2f ms (of which JIT compiler %.2f), PostgreSQL %.2f ms; JVM threads: %s",
                1000 * used.jvm() / registrations,
                1000 * used.compiler() / registrations,
                1000 * used.postgres() / registrations,
                used.top(5, registrations));
    }

    /** {@code threads} clients registering back to back: the most the service does. */
    private String closedLoop(int threads, int seconds, long seed) throws Exception {
        Measured measured = new Measured(2_000_000);
        CpuMeter.Reading before = cpu.read();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Arrivals arrivals = new Arrivals(seed * 100 + t, patients, PERSONS);
            clients.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    Arrival arrival = arrivals.next();
                    register(arrival, System.nanoTime(), measured);
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
        closedLoopCompleted = measured.completed();
        return measured.summary("closed loop, " + threads + " clients", (System.nanoTime() - start) / 1e9)
                + cpuPer(before, measured.completed());
    }

    private void register(Arrival arrival, long due, Measured measured) {
        EventMetadata metadata = new EventMetadata(
                UUID.randomUUID().toString(),
                null,
                "scale-benchmark",
                arrival.registration().organization());
        try {
            var outcome = registrations.register(arrival.registration(), Optional.empty(), metadata);
            measured.latency(System.nanoTime() - due);
            measured.outcome(arrival, outcome);
        } catch (RuntimeException e) {
            measured.latency(System.nanoTime() - due);
            measured.failed(e);
        }
    }

    /** What a registration of a James Smith born in 1980 reads: its keys' blocks and the candidates it gets. */
    private void commonNameBlocks() throws Exception {
        MatchRecord smith = new Demographics(
                        "James", "Smith", LocalDate.of(1980, 5, 17), "male", "6175550123", "12 Main Street 10013", null)
                .matchRecord();
        try (Connection c = dataSource.getConnection();
                PreparedStatement block = c.prepareStatement("select count(*) from mpi_blocking_key where key = ?")) {
            StringBuilder sizes = new StringBuilder();
            for (String key : BlockingKeys.lookup(smith)) {
                block.setString(1, key);
                try (ResultSet rs = block.executeQuery()) {
                    rs.next();
                    sizes.append(String.format(" %s=%d", key, rs.getLong(1)));
                }
            }
            System.out.println("blocks of a James Smith born 1980-05-17:" + sizes);
            long[] nanos = new long[21];
            Map<UUID, List<MatchRecord>> candidates = Map.of();
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                candidates = matchIndex.candidates(c, smith, Arrivals.DESK_PREFIX + "00");
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "  registration reads %d candidate persons, %d records, median %.2f ms;"
                            + " $match (large blocks whole) reads %d persons%n",
                    candidates.size(),
                    candidates.values().stream().mapToInt(List::size).sum(),
                    nanos[nanos.length / 2] / 1e6,
                    matchIndex.candidates(c, smith).size());
        }
    }

    private void sizes(String when) throws Exception {
        System.out.println(when + ":");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select t, (select reltuples::bigint from pg_class where relname = t),
                               pg_relation_size(t::regclass), pg_indexes_size(t::regclass), pg_total_relation_size(t::regclass)
                        from unnest(array['mpi_match_record', 'mpi_blocking_key', 'mpi_identifier', 'mpi_demographics',
                                          'es_event', 'es_outbox']) as t
                        """)) {
            long total = 0;
            while (rs.next()) {
                System.out.printf(
                        "  %-18s ~%,11d rows  table %,7.1f MB  indexes %,7.1f MB  total %,7.1f MB%n",
                        rs.getString(1), rs.getLong(2), rs.getLong(3) / 1e6, rs.getLong(4) / 1e6, rs.getLong(5) / 1e6);
                total += rs.getLong(5);
            }
            System.out.printf(
                    "  all of them %,.1f MB; database %,.1f MB%n",
                    total / 1e6, count("select pg_database_size(current_database())") / 1e6);
        }
    }

    private void memory() throws Exception {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS"))
                .findFirst()
                .orElse("VmRSS: ?");
        System.out.printf(
                "memory: JVM heap used after a GC %.1f MB (committed %.1f MB, max %.1f MB); process %s%n",
                heap.getUsed() / 1e6, heap.getCommitted() / 1e6, heap.getMax() / 1e6, rss.replaceAll("\\s+", " "));
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
