package io.chartstream.patient.matching.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FieldComparatorsTest {

    private final FieldComparators comparators = new FieldComparators(Nicknames.standard());

    private static MatchRecord person(String given, String family, String birthDate) {
        return new MatchRecord(
                given, family, birthDate == null ? null : LocalDate.parse(birthDate), "female", null, null, null, null);
    }

    private Level given(String a, String b) {
        return comparators.compare(Field.GIVEN, person(a, "x", null), person(b, "x", null));
    }

    private Level family(String a, String b) {
        return comparators.compare(Field.FAMILY, person("x", a, null), person("x", b, null));
    }

    @Test
    void givenNamesReachTheirLevels() {
        assertEquals(Level.EXACT, given("Ana María", "ana maria"));
        assertEquals(Level.NICKNAME, given("William", "Bill"));
        assertEquals(Level.SIMILAR, given("Jonathan", "Jonathon"));
        assertEquals(Level.PHONETIC, given("Catherine", "Kathryn"));
        assertEquals(Level.DIFFERENT, given("Emily", "Sarah"));
    }

    @Test
    void oneKeyboardSlipOrAScannersMisreadingIsSimilar() {
        assertEquals(Level.SIMILAR, given("Sarah", "Sbrah"));
        assertEquals(Level.SIMILAR, given("Margaret", "Amrgaret"));
        assertEquals(Level.SIMILAR, family("Smith", "Srnith"));
        assertEquals(Level.EXACT, given("Sarah Jennifer", "SarahJennifer"));
        // short names are left to Jaro-Winkler: Mei and Wei are two names
        assertEquals(Level.DIFFERENT, given("Mei", "Wei"));
    }

    @Test
    void familyNamesReachTheirLevels() {
        assertEquals(Level.EXACT, family("O'Brien", "obrien"));
        assertEquals(Level.SIMILAR, family("Garcia Lopez", "Lopez"));
        assertEquals(Level.SIMILAR, family("Johnson", "Jonhson"));
        assertEquals(Level.PHONETIC, family("Phillips", "Filips"));
        assertEquals(Level.DIFFERENT, family("Smith", "Nguyen"));
    }

    @Test
    void birthDateTyposAndTranspositionsAreTheirOwnLevels() {
        LocalDate may17 = LocalDate.of(1980, 5, 17);
        assertEquals(Level.EXACT, FieldComparators.birthDate(may17, LocalDate.of(1980, 5, 17)));
        assertEquals(Level.TRANSPOSED, FieldComparators.birthDate(LocalDate.of(1980, 5, 7), LocalDate.of(1980, 7, 5)));
        assertEquals(
                Level.TRANSPOSED, FieldComparators.birthDate(LocalDate.of(1980, 5, 12), LocalDate.of(1980, 5, 21)));
        assertEquals(Level.TRANSPOSED, FieldComparators.birthDate(may17, LocalDate.of(1908, 5, 17)));
        assertEquals(Level.TYPO, FieldComparators.birthDate(may17, LocalDate.of(1980, 5, 18)));
        assertEquals(Level.TYPO, FieldComparators.birthDate(may17, LocalDate.of(1981, 5, 17)));
        assertEquals(Level.TYPO, FieldComparators.birthDate(LocalDate.of(1980, 5, 17), LocalDate.of(1979, 5, 17)));
        assertEquals(Level.SAME_YEAR, FieldComparators.birthDate(may17, LocalDate.of(1980, 11, 2)));
        assertEquals(Level.DIFFERENT, FieldComparators.birthDate(may17, LocalDate.of(1975, 11, 2)));
    }

    @Test
    void anUnknownFieldIsNoEvidence() {
        assertNull(comparators.compare(Field.BIRTH_DATE, person("a", "b", null), person("a", "b", "1980-05-17")));
        assertNull(comparators.compare(Field.PHONE, person("a", "b", null), person("a", "b", null)));
    }

    @Test
    void addressesAgreeExactlyNearlyOrOnlyOnThePostalCode() {
        MatchRecord home = new MatchRecord("a", "b", null, null, null, "12 Elm Street", "02139", null);
        MatchRecord typo = new MatchRecord("a", "b", null, null, null, "12 Elm Stret", "02139", null);
        MatchRecord neighbour = new MatchRecord("a", "b", null, null, null, "900 Mass Ave", "02139", null);
        MatchRecord moved = new MatchRecord("a", "b", null, null, null, "4 Oak Road", "94110", null);

        assertEquals(Level.EXACT, comparators.compare(Field.ADDRESS, home, home));
        assertEquals(Level.SIMILAR, comparators.compare(Field.ADDRESS, home, typo));
        assertEquals(Level.POSTAL_CODE, comparators.compare(Field.ADDRESS, home, neighbour));
        assertEquals(Level.DIFFERENT, comparators.compare(Field.ADDRESS, home, moved));
    }

    @Test
    void aComparatorForOneRecordGivesTheSharedOnesLevels() {
        java.util.List<String> names = java.util.List.of(
                "James",
                "Jim",
                "Jmaes",
                "Smith",
                "Smyth",
                "Srnith",
                "Garcia Lopez",
                "Lopez",
                "Ana Maria",
                "Anamaria",
                "Catherine",
                "Kathryn",
                "Mark",
                "Mary",
                "Wei",
                "Mei");
        FieldComparators once = comparators.forOneRecord();
        for (int round = 0; round < 2; round++) { // the second round answers from what the first compared
            for (String a : names) {
                for (String b : names) {
                    for (Field field : java.util.List.of(Field.GIVEN, Field.FAMILY)) {
                        MatchRecord x = person(a, a, null);
                        MatchRecord y = person(b, b, null);
                        assertEquals(
                                comparators.compare(field, x, y), once.compare(field, x, y), field + " " + a + "/" + b);
                    }
                }
            }
        }
        assertNull(once.compare(Field.GIVEN, person(null, "x", null), person("James", "x", null)));
    }
}
