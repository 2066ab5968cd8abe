package io.chartstream.loader.progress;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    @Test
    void summaryCountsByTypeAndReason() {
        Locale.setDefault(Locale.ROOT);
        Tally tally = new Tally();
        tally.planned(3, 4_000);
        tally.loaded("Observation", 2_000);
        tally.loaded("Patient", 2);
        tally.leftOut("Claim", 1_234);
        tally.leftOut("ExplanationOfBenefit", 760);
        tally.refused("Observation", "HTTP 422: Observation.status is required", 4);
        tally.fileDone("a.json", null);
        tally.fileDone("b.json", "chunk 0: HTTP 422: Observation.status is required");

        String summary = Summary.format(tally, Duration.ofSeconds(10));

        assertTrue(summary.contains("files: 2 of 3 done, 1 with refusals"), summary);
        assertTrue(
                summary.contains("entries: 2,002 loaded, 1,994 not served (left out), 4 refused, of 4,000"), summary);
        assertTrue(summary.contains("elapsed: 10s, 200 entries/s loaded"), summary);
        assertTrue(summary.contains("loaded: Observation 2,000, Patient 2"), summary);
        assertTrue(summary.contains("not served: Claim 1,234, ExplanationOfBenefit 760"), summary);
        assertTrue(summary.contains("  Observation 4: HTTP 422: Observation.status is required"), summary);
        assertTrue(summary.contains("  b.json: chunk 0: HTTP 422"), summary);
    }

    @Test
    void largestCountFirst() {
        assertTrue(Summary.byCount(Map.of("A", 1L, "B", 3L)).startsWith("B 3"));
    }
}
