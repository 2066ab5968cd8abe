package io.chartstream.patient.matching.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LargeBlocksTest {

    private static final LocalDate BORN = LocalDate.of(1980, 5, 17);
    private static final MatchRecord SUBMITTED =
            new MatchRecord("James", "Smith", BORN, "male", "617-555-0123", "12 Main Street", "10013", "123456789");

    private static MatchRecord filed(String phone, String line, String postalCode, String ssn) {
        return new MatchRecord("James", "Smith", BORN.plusDays(3), "male", phone, line, postalCode, ssn);
    }

    @Test
    void aStrangerOfTheSameNameAndYearIsNotRead() {
        assertFalse(LargeBlocks.read(SUBMITTED, filed("5085550100", "9 Oak Avenue", "02118", "987654321")));
        assertFalse(LargeBlocks.read(SUBMITTED, filed(null, null, null, null)));
    }

    @Test
    void aRecordAgreeingOnPhoneSsnOrPostalCodeIsRead() {
        assertTrue(LargeBlocks.read(SUBMITTED, filed("(617) 555-0123", null, null, null)));
        assertTrue(LargeBlocks.read(SUBMITTED, filed(null, null, null, "123-45-6789")));
        assertTrue(LargeBlocks.read(SUBMITTED, filed(null, "12 Main St", "10013", null)));
    }

    @Test
    void anAddressWithoutPostalCodeOnEitherSideIsRead() {
        assertTrue(LargeBlocks.read(SUBMITTED, filed(null, "12 Main Street", null, null)));
        MatchRecord noPostalCode = new MatchRecord("James", "Smith", BORN, "male", null, "12 Main Street", null, null);
        assertTrue(LargeBlocks.read(noPostalCode, filed(null, "9 Oak Avenue", "02118", null)));
    }

    /**
     * The rule's premise, with the shipped weights: a record that agrees on no phone, SSN or postal
     * code cannot reach the review threshold, however well the rest agrees (an SSN typo included).
     * A certain link needs corroboration (CertaintyRule.CORROBORATED): an address (same postal
     * code), phone or SSN, all read, except an SSN typo (LargeBlocks). Re-estimated weights that
     * break this need the rule revisited.
     */
    @Test
    void withoutPhoneSsnOrPostalCodeNoScoreReachesAReview() {
        MatchWeights w = MatchWeights.standard();
        double best = best(w, Field.GIVEN)
                + best(w, Field.FAMILY)
                + best(w, Field.BIRTH_DATE)
                + best(w, Field.GENDER)
                // address: another postal code is DIFFERENT, or unknown (0); phone: DIFFERENT or unknown (0)
                + Math.max(0, w.weight(Field.SSN, Level.TYPO));
        assertTrue(best < w.possible(), best + " bits reach the review threshold " + w.possible());
    }

    private static double best(MatchWeights w, Field field) {
        return field.levels().stream()
                .mapToDouble(l -> w.weight(field, l))
                .max()
                .orElseThrow();
    }
}
