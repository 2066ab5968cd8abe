package io.chartstream.system.bench;

import java.util.List;
import java.util.Locale;

/** The benchmark's table, in Markdown as docs/performance.md quotes it, with each phase's first error below. */
final class LoadReport {

    private LoadReport() {}

    static String table(List<PhaseResult> phases) {
        StringBuilder out = new StringBuilder("| operation | ok | errors | ops/s | p50 | p95 | p99 |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (PhaseResult p : phases) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s%s | %d | %d | %.1f | %s | %s | %s |%n",
                    p.operation(),
                    p.truncated() ? " (truncated: --max-seconds)" : "",
                    p.ok(),
                    p.errors().size(),
                    p.opsPerSecond(),
                    millis(p.percentileMillis(50)),
                    millis(p.percentileMillis(95)),
                    millis(p.percentileMillis(99))));
        }
        for (PhaseResult p : phases) {
            if (!p.errors().isEmpty()) {
                out.append(p.operation())
                        .append(": first error ")
                        .append(p.errors().getFirst())
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.0f ms", ms);
    }
}
