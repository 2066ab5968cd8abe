package io.chartstream.patient.registration.domain;

import io.chartstream.patient.matching.domain.Contribution;
import io.chartstream.patient.matching.domain.MatchScore;

import java.util.List;

/** The score of a probabilistic match and each field's contribution, carried by its event for a reviewer. */
public record MatchEvidence(double score, List<Contribution> contributions) {

    public MatchEvidence {
        contributions = List.copyOf(contributions);
    }

    public static MatchEvidence of(MatchScore score) {
        return new MatchEvidence(score.total(), score.contributions());
    }
}
