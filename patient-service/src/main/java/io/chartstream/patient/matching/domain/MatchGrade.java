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
     * gives at prior odds such that the review threshold is even odds, 2^(w-t) / (1 + 2^(w-t)).
     * Most pairs in a large index are strangers, so even odds at 0 bits would call a name and a
     * birth date (about 24 bits) a near-certain match while registration would not even review
     * it: this way a possible candidate scores below 0.5, a probable or certain one at least 0.5.
     */
    public static double probability(double bits, MatchWeights weights) {
        return probability(bits - weights.possible());
    }

    /**
     * As above, except that a certain candidate's even odds lie at the certain threshold when that
     * is the lower one (the possible threshold may lie above it, for scores that break a rule):
     * a certain candidate still scores at least 0.5, and anything else over 0.5 is a review.
     */
    public static double probability(MatchScore score, MatchWeights weights) {
        return score.outcome() == MatchOutcome.CERTAIN
                ? probability(score.total() - Math.min(weights.certain(), weights.possible()))
                : probability(score.total(), weights);
    }

    static double probability(double bits) {
        return 1.0 / (1.0 + Math.pow(2.0, -bits));
    }
}
