package io.chartstream.patient.matching.domain;

import java.util.List;

/**
 * A scored comparison: the total weight, each known field's contribution (unknown fields are
 * absent), whether the given and family names were compared crosswise, the outcome, and what held
 * it back from a link (empty for a certain one).
 */
public record MatchScore(
        double total,
        List<Contribution> contributions,
        boolean namesSwapped,
        MatchOutcome outcome,
        List<HeldBack> heldBackBy) {

    public MatchScore {
        contributions = List.copyOf(contributions);
        heldBackBy = heldBackBy == null ? List.of() : List.copyOf(heldBackBy);
    }

    /** A certain score: nothing held it back. */
    static MatchScore certain(double total, List<Contribution> contributions, boolean namesSwapped) {
        return new MatchScore(total, contributions, namesSwapped, MatchOutcome.CERTAIN, List.of());
    }

    /** This score held back by {@code reasons}: possible when over the possible threshold, else none. */
    MatchScore heldBack(List<HeldBack> reasons, double possibleThreshold) {
        return new MatchScore(
                total,
                contributions,
                namesSwapped,
                total >= possibleThreshold ? MatchOutcome.POSSIBLE : MatchOutcome.NONE,
                reasons);
    }

    public Level level(Field field) {
        return contributions.stream()
                .filter(c -> c.field() == field)
                .map(Contribution::level)
                .findFirst()
                .orElse(null);
    }
}
