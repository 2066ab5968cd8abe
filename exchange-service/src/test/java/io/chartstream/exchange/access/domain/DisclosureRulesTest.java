package io.chartstream.exchange.access.domain;

import io.chartstream.contracts.clinical.SecurityLabels;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.chartstream.exchange.access.domain.Basis.EMERGENCY_ACCESS;
import static io.chartstream.exchange.access.domain.Basis.IDENTIFIER;
import static io.chartstream.exchange.access.domain.Basis.TREATMENT_ATTESTATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisclosureRulesTest {

    private static final String ST_MARYS = "st-marys-hospital";
    private static final String RIVERSIDE = "riverside-clinic";
    private static final DisclosureRules.Item PATIENT = new DisclosureRules.Item(true, null, Set.of());
    private static final DisclosureRules.Item GLUCOSE = new DisclosureRules.Item(false, RIVERSIDE, Set.of());
    private static final DisclosureRules.Item DEPRESSION =
            new DisclosureRules.Item(false, RIVERSIDE, Set.of(SecurityLabels.MENTAL_HEALTH));
    private static final DisclosureRules.Item OPIOID_USE_DISORDER =
            new DisclosureRules.Item(false, RIVERSIDE, Set.of(SecurityLabels.SUBSTANCE_USE, SecurityLabels.PART_2));

    @Test
    void withoutAnActiveRelationshipNothingIsVisibleNotEvenThePatient() {
        assertFalse(DisclosureRules.visible(ST_MARYS, Set.of(), SharingPolicy.DEFAULT, PATIENT));
        assertFalse(DisclosureRules.visible(ST_MARYS, Set.of(), SharingPolicy.DEFAULT, GLUCOSE));
    }

    @Test
    void byDefaultAnOrganizationInCareSeesTheSharedRecordButNotPart2() {
        assertTrue(DisclosureRules.visible(ST_MARYS, Set.of(IDENTIFIER), SharingPolicy.DEFAULT, PATIENT));
        assertTrue(DisclosureRules.visible(ST_MARYS, Set.of(IDENTIFIER), SharingPolicy.DEFAULT, GLUCOSE));
        assertTrue(DisclosureRules.visible(ST_MARYS, Set.of(IDENTIFIER), SharingPolicy.DEFAULT, DEPRESSION));
        assertFalse(DisclosureRules.visible(ST_MARYS, Set.of(IDENTIFIER), SharingPolicy.DEFAULT, OPIOID_USE_DISORDER));
    }

    @Test
    void part2RecordsAreVisibleToTheAuthorAndToOrganizationsThePatientSharesThemWith() {
        SharingPolicy sharesWithStMarys = new SharingPolicy(false, Set.of(), Set.of(), Set.of(ST_MARYS));

        assertTrue(DisclosureRules.visible(RIVERSIDE, Set.of(IDENTIFIER), SharingPolicy.DEFAULT, OPIOID_USE_DISORDER));
        assertTrue(DisclosureRules.visible(ST_MARYS, Set.of(IDENTIFIER), sharesWithStMarys, OPIOID_USE_DISORDER));
    }

    @Test
    void aWithheldCategoryIsHiddenFromOthersButNotFromItsAuthor() {
        SharingPolicy withholdsMentalHealth =
                new SharingPolicy(false, Set.of(), Set.of(SecurityLabels.MENTAL_HEALTH), Set.of());

        assertFalse(DisclosureRules.visible(ST_MARYS, Set.of(IDENTIFIER), withholdsMentalHealth, DEPRESSION));
        assertTrue(DisclosureRules.visible(ST_MARYS, Set.of(IDENTIFIER), withholdsMentalHealth, GLUCOSE));
        assertTrue(DisclosureRules.visible(RIVERSIDE, Set.of(IDENTIFIER), withholdsMentalHealth, DEPRESSION));
    }

    @Test
    void optedOutEachOrganizationSeesOnlyThePatientAndWhatItWroteItself() {
        SharingPolicy optedOut = new SharingPolicy(true, Set.of(), Set.of(), Set.of());

        assertTrue(DisclosureRules.visible(ST_MARYS, Set.of(TREATMENT_ATTESTATION), optedOut, PATIENT));
        assertFalse(DisclosureRules.visible(ST_MARYS, Set.of(TREATMENT_ATTESTATION), optedOut, GLUCOSE));
        assertTrue(DisclosureRules.visible(RIVERSIDE, Set.of(IDENTIFIER), optedOut, GLUCOSE));
    }

    @Test
    void aBlockedOrganizationSeesNothing() {
        SharingPolicy blocksStMarys = new SharingPolicy(false, Set.of(ST_MARYS), Set.of(), Set.of());

        assertFalse(DisclosureRules.visible(ST_MARYS, Set.of(IDENTIFIER), blocksStMarys, PATIENT));
        assertFalse(DisclosureRules.visible(ST_MARYS, Set.of(IDENTIFIER), blocksStMarys, GLUCOSE));
    }

    @Test
    void breakTheGlassOverridesOptOutBlockAndCategoriesButNeverPart2() {
        SharingPolicy everything = new SharingPolicy(
                true, Set.of(ST_MARYS), Set.of(SecurityLabels.MENTAL_HEALTH, SecurityLabels.SUBSTANCE_USE), Set.of());

        assertTrue(DisclosureRules.visible(ST_MARYS, Set.of(EMERGENCY_ACCESS), everything, PATIENT));
        assertTrue(DisclosureRules.visible(ST_MARYS, Set.of(EMERGENCY_ACCESS), everything, GLUCOSE));
        assertTrue(DisclosureRules.visible(ST_MARYS, Set.of(EMERGENCY_ACCESS), everything, DEPRESSION));
        assertFalse(DisclosureRules.visible(ST_MARYS, Set.of(EMERGENCY_ACCESS), everything, OPIOID_USE_DISORDER));
    }

    @Test
    void aReadIsDisclosedAsEmergencyTreatmentOnlyWhenBreakTheGlassAloneLetsTheOrganizationIn() {
        assertEquals("ETREAT", DisclosureRules.purposeOfUse(Set.of(EMERGENCY_ACCESS)));
        assertEquals("TREAT", DisclosureRules.purposeOfUse(Set.of(EMERGENCY_ACCESS, IDENTIFIER)));
        assertEquals("TREAT", DisclosureRules.purposeOfUse(Set.of(TREATMENT_ATTESTATION)));
    }
}
