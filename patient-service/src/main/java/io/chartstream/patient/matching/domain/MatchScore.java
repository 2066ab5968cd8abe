package io.chartstream.patient.matching.domain;

import java.util.List;

/**
 * A scored comparison: the total weight, each known field's contribution (unknown fields are
 * absent), whether the given and family names were compared crosswise, and the outcome.
 */
public record MatchScore(double total, List<Contribution> contributions, boolean namesSwapped, MatchOutcome outcome) {

    public MatchScore {
        contributions = List.copyOf(contributions);
    }

    public Level level(Field field) {
        return contributions.stream()
                .filter(c -> c.field() == field)
                .map(Contribution::level)
                .findFirst()
                .orElse(null);
    }
}
