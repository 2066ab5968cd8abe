package io.chartstream.patient.matching.domain;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Whether two strings reach a Jaro-Winkler bar (Commons Text computes the similarity), asking the
 * library only when a cheap upper bound does not already fall short. Most pairs a common name's
 * candidates bring are different names, and Jaro-Winkler was the largest single cost of scoring
 * them; the answer is the library's in every case.
 */
final class JaroWinklerBar {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    /** Room for rounding: a bound this close under the bar still asks the library. */
    private static final double SLACK = 1e-9;

    private JaroWinklerBar() {}

    static boolean reaches(String a, String b, double bar) {
        return upperBound(a, b) >= bar - SLACK && JARO_WINKLER.apply(a, b) >= bar;
    }

    /**
     * Jaro-Winkler is (m/|a| + m/|b| + (m - t)/m) / 3 for m matching characters and t half-transpositions,
     * plus 0.1 per common leading character (at most 4) of what remains to 1. m is at most the
     * characters the two have in common, counted with repeats; (m - t)/m at most 1. Strings beyond
     * ASCII are not bounded (1).
     */
    static double upperBound(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 1;
        }
        int[] counts = new int[128];
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (c >= 128) {
                return 1;
            }
            counts[c]++;
        }
        int common = 0;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c >= 128) {
                return 1;
            }
            if (counts[c] > 0) {
                counts[c]--;
                common++;
            }
        }
        double jaro = ((double) common / a.length() + (double) common / b.length() + 1) / 3;
        int prefix = 0;
        while (prefix < 4 && prefix < a.length() && prefix < b.length() && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + 0.1 * prefix * (1 - jaro);
    }
}
