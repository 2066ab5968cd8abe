package io.chartstream.patient.matching.domain;

import java.util.Optional;

/**
 * FHIR's match-grade of a {@code Patient/$match} candidate, from the MPI's own score: certain is
 * what registration would link, probable what it would send to review (over the threshold but
 * uncorroborated or ambiguous), possible a score with more evidence for than against (over 0 bits).
 */
public enum MatchGrade {
    CERTAIN("certain"),
    PROBABLE("probable"),
    POSSIBLE("possible");

    private final String code;

    MatchGrade(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The grade of a scored candidate; empty when the score speaks against a match. */
    public static Optional<MatchGrade> of(MatchScore score) {
        return switch (score.outcome()) {
            case CERTAIN -> Optional.of(CERTAIN);
            case POSSIBLE -> Optional.of(PROBABLE);
            case NONE -> score.total() > 0 ? Optional.of(POSSIBLE) : Optional.empty();
        };
    }

    /**
     * The score as FHIR's {@code search.score} (0 to 1): the match probability the total weight
     * gives at even prior odds, 2^w / (1 + 2^w).
     */
    public static double probability(double bits) {
        return 1.0 / (1.0 + Math.pow(2.0, -bits));
    }
}
