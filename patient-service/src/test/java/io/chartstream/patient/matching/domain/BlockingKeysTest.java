package io.chartstream.patient.matching.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockingKeysTest {

    private static boolean shareAKey(MatchRecord a, MatchRecord b) {
        Set<String> keys = new HashSet<>(BlockingKeys.of(a));
        keys.retainAll(BlockingKeys.of(b));
        return !keys.isEmpty();
    }

    @Test
    void aMarriedNameWithABirthDateTypoStillSharesAKey() {
        MatchRecord before =
                new MatchRecord("Ana", "Lopez", LocalDate.of(1980, 5, 17), "female", null, null, null, null);
        MatchRecord married =
                new MatchRecord("Ana", "Smith", LocalDate.of(1980, 5, 18), "female", null, null, null, null);

        assertTrue(shareAKey(before, married));
    }

    @Test
    void aRegistrationWithSwappedNamesAndAnotherBirthDateIsLookedUpUnderTheStraightReading() {
        MatchRecord filed =
                new MatchRecord("Joshua", "Brooks", LocalDate.of(1985, 5, 22), "male", null, null, null, null);
        MatchRecord swapped =
                new MatchRecord("Brooks", "Joshua", LocalDate.of(1986, 5, 22), "male", null, null, null, null);

        Set<String> keys = new HashSet<>(BlockingKeys.lookup(swapped));
        keys.retainAll(BlockingKeys.of(filed));

        assertFalse(keys.isEmpty());
        assertFalse(shareAKey(filed, swapped));
    }

    @Test
    void strangersWithOtherNamesBornInOtherYearsShareNoKey() {
        MatchRecord a = new MatchRecord("Ana", "Lopez", LocalDate.of(1980, 5, 17), "female", "1", null, null, null);
        MatchRecord b = new MatchRecord("Ana", "Nguyen", LocalDate.of(1990, 5, 17), "female", "2", null, null, null);

        assertFalse(shareAKey(a, b));
    }
}
