package io.chartstream.exchange.bench;

import com.sun.management.OperatingSystemMXBean;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * CPU time spent by this JVM (the service, its clients and the in-process broker) and by the
 * PostgreSQL server it talks to (the postmaster and its children, from /proc), so that a
 * benchmark can report CPU per operation: unlike operations per second, that does not change
 * when other work shares the machine.
 */
final class CpuMeter {

    /** CPU seconds so far: this JVM's and PostgreSQL's. */
    record Reading(double jvm, double postgres) {
        Reading minus(Reading earlier) {
            return new Reading(jvm - earlier.jvm, postgres - earlier.postgres);
        }
    }

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long postmaster;

    CpuMeter(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            this.postmaster = Long.parseLong(stat(Path.of("/proc", String.valueOf(rs.getInt(1)), "stat"))[1]);
        }
    }

    Reading read() throws IOException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Reading(os.getProcessCpuTime() / 1e9, postgresTicks() / TICKS_PER_SECOND);
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
