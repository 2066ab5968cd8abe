package io.chartstream.patient.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * What happened in each second of an open-loop window, so that a stall shows where it is: the
 * registrations due in that second (how late the load generator handed them over, their latency
 * from when they were due) and what {@link Sampler} saw of the JVM, the pool, PostgreSQL and the
 * machine meanwhile. Thread-safe; prints numbers, judges nothing.
 */
final class Timeline {

    /** One second: filled by the generator, the registrations and the sampler. */
    static final class Second {
        int arrivals;
        long maxDispatchLateNanos;
        int completions;
        final List<Long> latencies = new ArrayList<>();
        int maxInFlight;
        int maxPoolWaiting;
        int maxPoolActive;
        int waitSamples;
        final Map<String, Integer> waits = new TreeMap<>();
        Sampler.PerSecond system;
    }

    private final long start;
    private final Second[] seconds;
    private final AtomicInteger inFlight = new AtomicInteger();

    Timeline(long start, int seconds) {
        this.start = start;
        // room for the registrations that finish after the last arrival
        this.seconds = new Second[seconds + 30];
        for (int i = 0; i < this.seconds.length; i++) {
            this.seconds[i] = new Second();
        }
    }

    private Second at(long nanos) {
        int i = (int) TimeUnit.NANOSECONDS.toSeconds(Math.max(0, nanos - start));
        return seconds[Math.min(i, seconds.length - 1)];
    }

    /** The generator handed a registration due at {@code due} to a worker at {@code now}. */
    void dispatched(long due, long now) {
        inFlight.incrementAndGet();
        Second s = at(due);
        synchronized (s) {
            s.arrivals++;
            s.maxDispatchLateNanos = Math.max(s.maxDispatchLateNanos, now - due);
        }
    }

    /** A registration due at {@code due} was answered (or failed) at {@code now}. */
    void finished(long due, long now) {
        inFlight.decrementAndGet();
        Second d = at(due);
        synchronized (d) {
            d.latencies.add(now - due);
        }
        Second c = at(now);
        synchronized (c) {
            c.completions++;
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    /** A 100 ms sample: registrations in flight, the pool, and what each active backend waited on. */
    void sampled(long now, int poolActive, int poolWaiting, Map<String, Integer> waits) {
        Second s = at(now);
        synchronized (s) {
            s.maxInFlight = Math.max(s.maxInFlight, inFlight.get());
            s.maxPoolActive = Math.max(s.maxPoolActive, poolActive);
            s.maxPoolWaiting = Math.max(s.maxPoolWaiting, poolWaiting);
            s.waitSamples++;
            waits.forEach((event, n) -> s.waits.merge(event, n, Integer::sum));
        }
    }

    void system(long now, Sampler.PerSecond reading) {
        Second s = at(now - TimeUnit.MILLISECONDS.toNanos(500)); // the reading covers the second just ended
        synchronized (s) {
            s.system = reading;
        }
    }

    /** One line per second, then the seconds with the worst p99 and the window's wait events. */
    synchronized String print(int windowSeconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "  per second (latency of the registrations due in that second; waits: active backends' wait events,"
                        + " summed over 10 samples):%n"));
        out.append(String.format(
                "  %3s %4s %6s %4s %4s %5s %5s | %6s %6s %6s | %5s %5s | %4s %4s %4s %3s | %6s %5s %5s %5s %5s | %5s | %s%n",
                "s",
                "arr",
                "late",
                "done",
                "infl",
                "poolA",
                "poolW",
                "p50",
                "p99",
                "max",
                "gcMs",
                "jitMs",
                "jvm%",
                "pg%",
                "host%",
                "runq",
                "walKB",
                "wsync",
                "ckptW",
                "bgW",
                "beW",
                "outbx",
                "waits / autovacuum"));
        out.append(String.format(
                "  (late: how late the generator handed the registration over, ms; infl: registrations in flight;"
                        + " poolA/poolW: connections in use / callers waiting for one; ckptW/bgW/beW: buffers written by the"
                        + " checkpointer / background writer / backends; disk: the whole machine's writes)%n"));
        int last = windowSeconds;
        while (last < seconds.length && seconds[last].completions > 0) {
            last++;
        }
        Map<String, Integer> totals = new TreeMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < last; i++) {
            Second s = seconds[i];
            long[] l = s.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            s.waits.forEach((e, n) -> totals.merge(e, n, Integer::sum));
            order.add(i);
            Sampler.PerSecond y = s.system;
            out.append(String.format(
                    "  %3d %4d %6.1f %4d %4d %5d %5d | %6.1f %6.1f %6.1f | %s | %5d | %s%n",
                    i,
                    s.arrivals,
                    s.maxDispatchLateNanos / 1e6,
                    s.completions,
                    s.maxInFlight,
                    s.maxPoolActive,
                    s.maxPoolWaiting,
                    pct(l, 0.5),
                    pct(l, 0.99),
                    l.length == 0 ? 0 : l[l.length - 1] / 1e6,
                    y == null ? "(no system reading)" : y.columns(),
                    y == null ? -1 : y.outbox(),
                    topWaits(s.waits, 4)
                            + (y == null || y.autovacuum().isEmpty() ? "" : " | autovacuum " + y.autovacuum())));
        }
        order.sort((a, b) -> Double.compare(p99(seconds[b]), p99(seconds[a])));
        out.append("  worst seconds by p99: ")
                .append(order.stream()
                        .limit(8)
                        .map(i -> String.format("%d (%.0f ms)", i, p99(seconds[i])))
                        .collect(Collectors.joining(", ")))
                .append(String.format(
                        "%n  wait events over the window (active backends x 100 ms samples): %s%n",
                        topWaits(totals, 12)));
        return out.toString();
    }

    private static double p99(Second s) {
        synchronized (s) {
            return pct(s.latencies.stream().mapToLong(Long::longValue).sorted().toArray(), 0.99);
        }
    }

    private static String topWaits(Map<String, Integer> waits, int n) {
        return waits.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
