package io.chartstream.testsupport;

import com.sun.management.OperatingSystemMXBean;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CPU time spent by this JVM (the service, its clients and the in-process broker) and by the
 * PostgreSQL server it talks to (the postmaster and its children, from /proc), so that a
 * benchmark can report CPU per operation: unlike operations per second, that does not change
 * when other work shares the machine.
 */
public final class CpuMeter {

    /**
     * CPU seconds so far: this JVM's and PostgreSQL's, and the JVM's by thread group (a thread's
     * name without its number: "executor-thread", "disclosure-audit", "audit-stream", ...).
     */
    public record Reading(double jvm, double postgres, double compiler, Map<String, Double> threads) {
        public Reading minus(Reading earlier) {
            Map<String, Double> used = new TreeMap<>();
            threads.forEach((group, seconds) -> used.put(group, seconds - earlier.threads.getOrDefault(group, 0.0)));
            return new Reading(jvm - earlier.jvm, postgres - earlier.postgres, compiler - earlier.compiler, used);
        }

        /** The {@code n} thread groups that used the most CPU, with milliseconds per {@code operations}. */
        public String top(int n, long operations) {
            return threads.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(n)
                    .map(e -> String.format("%s %.2f", e.getKey(), 1000 * e.getValue() / Math.max(1, operations)))
                    .collect(Collectors.joining(", "));
        }
    }

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
    private static final Pattern NUMBERED = Pattern.compile("[-#\\s]*[0-9]+$|-[0-9]+-thread-[0-9]+$");

    private final long postmaster;

    public CpuMeter(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            this.postmaster = Long.parseLong(stat(Path.of("/proc", String.valueOf(rs.getInt(1)), "stat"))[1]);
        }
    }

    public Reading read() throws IOException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Reading(
                os.getProcessCpuTime() / 1e9,
                postgresTicks() / TICKS_PER_SECOND,
                compilerTicks() / TICKS_PER_SECOND,
                threadGroups());
    }

    /**
     * CPU of the JIT compiler's threads (C1, C2), which are not Java threads: what is left of this
     * JVM's CPU without them is what the benchmarked work costs once it is compiled.
     */
    private static long compilerTicks() throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String line = Files.readString(task.resolve("stat"));
                    String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                    if (name.contains("CompilerThre")) {
                        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return ticks;
    }

    private static Map<String, Double> threadGroups() {
        Map<String, Double> groups = javaThreads();
        // not Java threads, so not in the thread bean: wall time the collectors and the compiler report
        double gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += collector.getCollectionTime() / 1000.0;
        }
        groups.put("(gc pauses, wall)", gc);
        groups.put(
                "(jit compiling, wall)",
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1000.0);
        return groups;
    }

    private static Map<String, Double> javaThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> groups = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                groups.merge(NUMBERED.matcher(info.getThreadName()).replaceAll(""), nanos / 1e9, Double::sum);
            }
        }
        return groups;
    }

    /** The postmaster's own and its reaped children's ticks, plus each live child's. */
    private long postgresTicks() throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String[] f;
                try {
                    f = stat(process.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                long pid = Long.parseLong(process.getFileName().toString());
                // after the command: state, ppid, ..., utime (12), stime (13), cutime (14), cstime (15)
                if (pid == postmaster) {
                    ticks += Long.parseLong(f[11])
                            + Long.parseLong(f[12])
                            + Long.parseLong(f[13])
                            + Long.parseLong(f[14]);
                } else if (Long.parseLong(f[1]) == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks;
    }

    /** The fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, ... */
    private static String[] stat(Path stat) throws IOException {
        String line = Files.readString(stat);
        return line.substring(line.lastIndexOf(')') + 2).split(" ");
    }
}
