package io.chartstream.exchange.access.domain;

import io.chartstream.contracts.clinical.SecurityLabels;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consent of persons merged into one: the most protective of theirs (decisions §21). */
class SharingPolicyTest {

    private static final String ST_MARYS = "st-marys-hospital";
    private static final String RIVERSIDE = "riverside-clinic";
    private static final DisclosureRules.Item DEPRESSION =
            new DisclosureRules.Item(false, "northside", Set.of(SecurityLabels.MENTAL_HEALTH));

    @Test
    void anOptOutOfEitherPersonHoldsForBoth() {
        SharingPolicy optedOut = new SharingPolicy(true, Set.of(), Set.of(), Set.of());

        assertTrue(SharingPolicy.mostProtective(List.of(SharingPolicy.DEFAULT, optedOut))
                .optOut());
        assertFalse(SharingPolicy.mostProtective(List.of(SharingPolicy.DEFAULT, SharingPolicy.DEFAULT))
                .optOut());
    }

    @Test
    void blocksAndWithheldCategoriesAddUpAndPart2IsSharedOnlyWhereBothShareIt() {
        SharingPolicy one = new SharingPolicy(false, Set.of(ST_MARYS), Set.of(), Set.of(RIVERSIDE, ST_MARYS));
        SharingPolicy other =
                new SharingPolicy(false, Set.of(), Set.of(SecurityLabels.MENTAL_HEALTH), Set.of(RIVERSIDE));

        SharingPolicy merged = SharingPolicy.mostProtective(List.of(one, other));

        assertEquals(
                new SharingPolicy(false, Set.of(ST_MARYS), Set.of(SecurityLabels.MENTAL_HEALTH), Set.of(RIVERSIDE)),
                merged);
        assertFalse(DisclosureRules.visible(ST_MARYS, Set.of(Basis.IDENTIFIER), merged, DEPRESSION));
        assertFalse(DisclosureRules.visible(RIVERSIDE, Set.of(Basis.IDENTIFIER), merged, DEPRESSION));
        assertTrue(DisclosureRules.visible(RIVERSIDE, Set.of(Basis.IDENTIFIER), one, DEPRESSION));
    }

    @Test
    void aGroupOfOneKeepsItsPolicy() {
        SharingPolicy one = new SharingPolicy(false, Set.of(ST_MARYS), Set.of(), Set.of(RIVERSIDE));

        assertEquals(one, SharingPolicy.mostProtective(List.of(one)));
        assertEquals(SharingPolicy.DEFAULT, SharingPolicy.mostProtective(List.of()));
    }
}
