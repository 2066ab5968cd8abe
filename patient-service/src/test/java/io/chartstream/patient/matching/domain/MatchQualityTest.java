package io.chartstream.patient.matching.domain;

import io.chartstream.patient.matching.domain.LabelledRegistrations.Labelled;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given 1,500 seeded synthetic persons (with twins and common-name strangers) registered one to
 * four times by corrupting desks, when the shipped weights match them, then certain links stay
 * right and find more duplicates than the exact rule they replace. The full figures come from
 * MatchQualityBenchmark.
 */
class MatchQualityTest {

    @Test
    void shippedWeightsLinkMoreThanTheExactRuleAndStayRight() {
        List<SourcePersons.SourcePerson> persons =
                SourcePersons.withHardNegatives(SourcePersons.synthetic(1_500, 11), 30, 15, 11);
        List<Labelled> registrations = LabelledRegistrations.of(persons, 11);

        var probabilistic = MatchSimulation.probabilistic(registrations, ProbabilisticMatcher.standard());
        var exact = MatchSimulation.exactBaseline(registrations);

        assertTrue(probabilistic.precision() >= 0.999, probabilistic.toString());
        assertTrue(probabilistic.recall() > 2 * exact.recall(), probabilistic + "\n" + exact);
        assertTrue(probabilistic.reviewShare() < 0.10, probabilistic.toString());
    }
}
