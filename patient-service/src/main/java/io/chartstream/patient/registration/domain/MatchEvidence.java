package io.chartstream.patient.registration.domain;

import io.chartstream.patient.matching.domain.Contribution;
import io.chartstream.patient.matching.domain.HeldBack;
import io.chartstream.patient.matching.domain.MatchScore;

import java.util.List;

/**
 * The score of a probabilistic match, each field's contribution and, for a possible match, what
 * held it back from a link ({@link HeldBack} by name; empty for a link and for events written
 * before it was recorded), carried by its event for a reviewer.
 */
public record MatchEvidence(double score, List<Contribution> contributions, List<String> heldBackBy) {

    public MatchEvidence {
        contributions = List.copyOf(contributions);
        heldBackBy = heldBackBy == null ? List.of() : List.copyOf(heldBackBy);
    }

    public static MatchEvidence of(MatchScore score) {
        return new MatchEvidence(
                score.total(),
                score.contributions(),
                score.heldBackBy().stream().map(HeldBack::name).toList());
    }
}
