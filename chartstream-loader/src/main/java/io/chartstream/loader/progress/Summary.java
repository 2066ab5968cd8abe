package io.chartstream.loader.progress;

import io.chartstream.loader.progress.Tally.Counts;
import io.chartstream.loader.progress.Tally.Refusal;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report at the end: files, entries loaded, left out and refused, by type, and the pace. */
public final class Summary {

    private Summary() {}

    public static String format(Tally tally, Duration elapsed) {
        Counts c = tally.counts();
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "files: %d of %d done, %d with refusals%n",
                c.filesDone(), c.filesTotal(), tally.refusedFiles().size()));
        s.append(String.format(
                "entries: %,d loaded, %,d not served (left out), %,d refused, of %,d%n",
                c.loaded(), c.leftOut(), c.refused(), c.entriesTotal()));
        s.append(String.format(
                "elapsed: %s, %,.0f entries/s loaded%n", Durations.format(elapsed), c.loaded() / seconds));
        s.append("loaded: ").append(byCount(tally.loadedByType())).append(System.lineSeparator());
        if (!tally.leftOutByType().isEmpty()) {
            s.append("not served: ").append(byCount(tally.leftOutByType())).append(System.lineSeparator());
        }
        if (tally.provenancesSplit() > 0) {
            s.append(String.format(
                    "Provenances split to fit one resource's size (at most %,d targets each): %,d%n",
                    io.chartstream.loader.bundle.BundlePreparation.MAX_PROVENANCE_TARGETS, tally.provenancesSplit()));
        }
        if (tally.referencesCut() > 0) {
            s.append(String.format("references to left-out entries removed: %,d%n", tally.referencesCut()));
        }
        Map<Refusal, Long> refusals = tally.refusals();
        if (refusals.isEmpty()) {
            s.append("refused: none").append(System.lineSeparator());
        } else {
            s.append("refused:").append(System.lineSeparator());
            refusals.forEach((r, n) -> s.append(String.format("  %s %,d: %s%n", r.type(), n, r.reason())));
        }
        List<String> files = tally.refusedFiles();
        if (!files.isEmpty()) {
            s.append("files with refusals:").append(System.lineSeparator());
            files.forEach(f -> s.append("  ").append(f).append(System.lineSeparator()));
        }
        return s.toString();
    }

    /** {@code Observation 20,112, Encounter 1,234, ...}: largest first. */
    public static String byCount(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
