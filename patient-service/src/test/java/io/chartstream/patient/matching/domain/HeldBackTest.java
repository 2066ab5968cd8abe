package io.chartstream.patient.matching.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A rule that holds a match back is named to the reviewer by its own name, with a reason. */
class HeldBackTest {

    @Test
    void everyPairRuleIsNamedAsItself() {
        for (CertaintyRule rule : CertaintyRule.values()) {
            assertEquals(rule.name(), HeldBack.of(rule).name());
            assertFalse(HeldBack.of(rule).reason().isBlank());
        }
    }

    @Test
    void everyPersonRuleIsNamedAsItself() {
        for (PersonRule rule : PersonRule.values()) {
            assertEquals(rule.name(), HeldBack.of(rule).name());
            assertFalse(HeldBack.of(rule).reason().isBlank());
        }
    }
}
