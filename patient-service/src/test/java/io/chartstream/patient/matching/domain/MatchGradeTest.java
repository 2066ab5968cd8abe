package io.chartstream.patient.matching.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchGradeTest {

    @Test
    void theGradeFollowsWhatRegistrationWouldDo() {
        assertEquals(Optional.of(MatchGrade.CERTAIN), MatchGrade.of(score(60, MatchOutcome.CERTAIN)));
        assertEquals(Optional.of(MatchGrade.PROBABLE), MatchGrade.of(score(50, MatchOutcome.POSSIBLE)));
        assertEquals(Optional.of(MatchGrade.POSSIBLE), MatchGrade.of(score(24.3, MatchOutcome.NONE)));
        assertEquals(Optional.empty(), MatchGrade.of(score(0, MatchOutcome.NONE)));
        assertEquals(Optional.empty(), MatchGrade.of(score(-12, MatchOutcome.NONE)));
    }

    @Test
    void theScoreIsTheProbabilityAtOddsThatMakeTheReviewThresholdEven() {
        MatchWeights weights = ProbabilisticMatcher.standard().weights().withThresholds(50, 40);

        assertEquals(0.5, MatchGrade.probability(40, weights), 1e-12);
        assertEquals(0.8, MatchGrade.probability(42, weights), 1e-12);
        assertEquals(0.2, MatchGrade.probability(38, weights), 1e-12);
        // a name and a birth date alone: possible, and far below even odds
        assertTrue(MatchGrade.probability(24.3, weights) < 0.001);
    }

    @Test
    void aCertainCandidateUnderAHigherReviewThresholdStillScoresAtLeastEvenOdds() {
        MatchWeights weights = ProbabilisticMatcher.standard().weights().withThresholds(20, 30);

        assertEquals(0.5, MatchGrade.probability(score(20, MatchOutcome.CERTAIN), weights), 1e-12);
        assertTrue(MatchGrade.probability(score(25, MatchOutcome.NONE), weights) < 0.5);
        assertEquals(0.5, MatchGrade.probability(score(30, MatchOutcome.POSSIBLE), weights), 1e-12);
    }

    private static MatchScore score(double total, MatchOutcome outcome) {
        return new MatchScore(total, List.of(), false, outcome, List.of());
    }
}
