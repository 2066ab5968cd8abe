package io.chartstream.patient.bench;

import io.agroal.api.AgroalDataSource;
import io.chartstream.testsupport.CpuMeter;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches a window on a thread and a database connection of its own (not the service's pool):
 * every 100 ms the pool's active and waiting counts and what each busy backend of the service's
 * database is doing (on the CPU, waiting on a lock, a WAL flush, ..., or idle in a transaction
 * while the JVM works); every second GC pauses, JIT time, CPU of this JVM, of PostgreSQL and of
 * the whole machine (other work on it included), the run queue, disk writes, WAL written and
 * flushed, buffers written by the checkpointer, the background writer and the backends, the
 * outbox's backlog and any autovacuum at work.
 */
final class Sampler implements AutoCloseable {

    /** The machine, the JVM and PostgreSQL in one second. */
    record PerSecond(
            double gcMs,
            double jitMs,
            double jvmPct,
            double pgPct,
            double hostPct,
            double iowaitPct,
            long runQueue,
            double diskWriteKb,
            double walKb,
            long walSyncs,
            long checkpointWrites,
            long bgWriterWrites,
            long backendWrites,
            long checkpoints,
            long outbox,
            String autovacuum) {

        String columns() {
            return String.format(
                            "%5.0f %5.0f | %4.0f %4.0f %4.0f %3d | %6.0f %5d %5d %5d %5d",
                            gcMs,
                            jitMs,
                            jvmPct,
                            pgPct,
                            hostPct,
                            runQueue,
                            walKb,
                            walSyncs,
                            checkpointWrites,
                            bgWriterWrites,
                            backendWrites)
                    + (checkpoints > 0 ? " CHECKPOINT" : "")
                    + String.format(" disk %.0f kB io-wait %.0f%%", diskWriteKb, iowaitPct);
        }
    }

    private static final String WAITS = """
            select case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'on-cpu')
                        else state end, count(*)
            from pg_stat_activity
            where backend_type = 'client backend' and datname = current_database() and pid <> pg_backend_pid()
              and state <> 'idle'
            group by 1""";

    private static final String COUNTERS = """
            select (select buffers_written from pg_stat_checkpointer),
                   (select num_timed + num_requested from pg_stat_checkpointer),
                   (select buffers_clean from pg_stat_bgwriter),
                   (select coalesce(sum(writes), 0) from pg_stat_io where backend_type = 'client backend'),
                   (select wal_bytes from pg_stat_wal),
                   (select wal_sync from pg_stat_wal),
                   (select count(*) from es_outbox),
                   (select string_agg(coalesce(query, '?'), '; ') from pg_stat_activity
                     where backend_type = 'autovacuum worker')""";

    private final Timeline timeline;
    private final AgroalDataSource pool;
    private final CpuMeter cpu;
    private final Connection connection;
    private final Thread thread;
    private volatile boolean running = true;

    Sampler(Timeline timeline, DataSource dataSource, CpuMeter cpu, String jdbcUrl, String user, String password)
            throws SQLException {
        this.timeline = timeline;
        this.pool = dataSource.unwrap(AgroalDataSource.class);
        this.pool.getConfiguration().setMetricsEnabled(true);
        this.cpu = cpu;
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
        this.thread = Thread.ofPlatform().name("bench-sampler").daemon().start(this::run);
    }

    private void run() {
        try (PreparedStatement waits = connection.prepareStatement(WAITS);
                PreparedStatement counters = connection.prepareStatement(COUNTERS)) {
            Readings previous = readings(counters);
            long next = System.nanoTime();
            for (int tick = 1; running; tick++) {
                next += TimeUnit.MILLISECONDS.toNanos(100);
                LockSupport.parkNanos(next - System.nanoTime());
                long now = System.nanoTime();
                Map<String, Integer> busy = new HashMap<>();
                try (ResultSet rs = waits.executeQuery()) {
                    while (rs.next()) {
                        busy.put(rs.getString(1), rs.getInt(2));
                    }
                }
                var metrics = pool.getMetrics();
                timeline.sampled(now, (int) metrics.activeCount(), (int) metrics.awaitingCount(), busy);
                if (tick % 10 == 0) {
                    Readings current = readings(counters);
                    timeline.system(now, current.minus(previous));
                    previous = current;
                }
            }
        } catch (Exception e) {
            if (running) {
                System.out.println("  sampler stopped: " + e);
            }
        }
    }

    /** Cumulative counters at one moment. */
    private record Readings(
            long nanos,
            double gcMs,
            double jitMs,
            CpuMeter.Reading cpu,
            long[] host,
            long[] disk,
            long[] pg,
            String autovacuum) {

        PerSecond minus(Readings p) {
            double seconds = (nanos - p.nanos) / 1e9;
            long hostTotal = 0;
            for (int i = 0; i < 8; i++) {
                hostTotal += host[i] - p.host[i];
            }
            long idle = host[3] - p.host[3];
            long iowait = host[4] - p.host[4];
            CpuMeter.Reading used = cpu.minus(p.cpu);
            return new PerSecond(
                    gcMs - p.gcMs,
                    jitMs - p.jitMs,
                    100 * used.jvm() / seconds,
                    100 * used.postgres() / seconds,
                    100.0 * (hostTotal - idle - iowait) / Math.max(1, hostTotal) * cores(),
                    100.0 * iowait / Math.max(1, hostTotal) * cores(),
                    host[8],
                    (disk[0] - p.disk[0]) / 2.0 / seconds,
                    (pg[4] - p.pg[4]) / 1024.0 / seconds,
                    pg[5] - p.pg[5],
                    pg[0] - p.pg[0],
                    pg[2] - p.pg[2],
                    pg[3] - p.pg[3],
                    pg[1] - p.pg[1],
                    pg[6],
                    autovacuum == null ? "" : autovacuum);
        }
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private Readings readings(PreparedStatement counters) throws SQLException, IOException {
        long[] pg = new long[7];
        String autovacuum;
        try (ResultSet rs = counters.executeQuery()) {
            rs.next();
            for (int i = 0; i < 7; i++) {
                pg[i] = rs.getLong(i + 1);
            }
            autovacuum = rs.getString(8);
        }
        double gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!collector.getName().contains("Concurrent")) { // G1's concurrent cycle is not a pause
                gc += collector.getCollectionTime();
            }
        }
        return new Readings(
                System.nanoTime(),
                gc,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime(),
                cpu.read(),
                host(),
                disk(),
                pg,
                autovacuum);
    }

    /** /proc/stat: user nice system idle iowait irq softirq steal (jiffies), then procs_running. */
    private static long[] host() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
        long[] v = new long[9];
        String[] cpu = lines.get(0).trim().split("\\s+");
        for (int i = 0; i < 8; i++) {
            v[i] = Long.parseLong(cpu[i + 1]);
        }
        for (String l : lines) {
            if (l.startsWith("procs_running")) {
                v[8] = Long.parseLong(l.split("\\s+")[1]);
            }
        }
        return v;
    }

    /** /proc/diskstats: sectors written by the whole disks (not partitions, loop or zram devices). */
    private static long[] disk() throws IOException {
        long sectors = 0;
        for (String l : Files.readAllLines(Path.of("/proc/diskstats"))) {
            String[] f = l.trim().split("\\s+");
            if (f[2].matches("(sd|vd|xvd)[a-z]+|nvme[0-9]+n[0-9]+")) {
                sectors += Long.parseLong(f[9]);
            }
        }
        return new long[] {sectors};
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(2_000);
        connection.close();
    }
}
