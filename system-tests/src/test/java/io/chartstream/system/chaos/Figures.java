package io.chartstream.system.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What one fault showed; {@link #table} prints the suite's figures as a Markdown table. */
record Figures(
        String fault,
        int attempted,
        int acknowledged,
        int lost,
        int duplicated,
        int refused,
        long clientErrors,
        long readsOk,
        long readErrors,
        Duration down,
        Duration timeToHeal,
        int notified,
        int redelivered,
        int outOfOrder,
        int notificationsMissing,
        Map<String, Long> errors,
        boolean acknowledgedAfterHeal) {

    static String table(List<Figures> all) {
        StringBuilder t = new StringBuilder(
                "| fault | writes attempted | acknowledged | lost | duplicated | refused | client errors (failed attempts) "
                        + "| reads ok / failed | fault lasted | time to heal | notifications in order / redelivered / out of order / missing |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Figures f : all) {
            t.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %d | %d | %d | %d / %d | %s | %s | %d / %d / %d / %d |%n",
                    f.fault,
                    f.attempted,
                    f.acknowledged,
                    f.lost,
                    f.duplicated,
                    f.refused,
                    f.clientErrors,
                    f.readsOk,
                    f.readErrors,
                    seconds(f.down),
                    f.timeToHeal == null ? "never" : seconds(f.timeToHeal),
                    f.notified,
                    f.redelivered,
                    f.outOfOrder,
                    f.notificationsMissing));
        }
        return t.toString();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    String errorSummary() {
        return errors.isEmpty()
                ? "none"
                : errors.entrySet().stream()
                        .map(e -> e.getKey() + " ×" + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}
