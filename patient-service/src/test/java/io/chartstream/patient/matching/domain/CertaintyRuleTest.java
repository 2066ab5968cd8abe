package io.chartstream.patient.matching.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Given two records, when the rules on top of the score are checked, then which ones break. */
class CertaintyRuleTest {

    private static final LocalDate BORN = LocalDate.of(1980, 5, 12);
    private static final FieldComparators COMPARATORS = new FieldComparators(Nicknames.standard());

    private static Set<CertaintyRule> broken(MatchRecord a, MatchRecord b) {
        return CertaintyRule.broken(a, b, contributions(a, b));
    }

    private static java.util.List<Contribution> contributions(MatchRecord a, MatchRecord b) {
        return java.util.Arrays.stream(Field.values())
                .filter(f -> COMPARATORS.compare(f, a, b) != null)
                .map(f -> new Contribution(f, COMPARATORS.compare(f, a, b), 0))
                .toList();
    }

    private static MatchRecord person(String given, String family, LocalDate born, String gender, String ssn) {
        return new MatchRecord(given, family, born, gender, "6175550101", "12 Elm Street", "02139", ssn);
    }

    @Test
    void aMarriedNameKeepsEveryRule() {
        MatchRecord maiden = person("Ana", "Lopez", BORN, "female", null);
        MatchRecord married = person("Ana", "Smith", BORN.plusDays(1), "female", null);

        assertEquals(Set.of(), broken(married, maiden));
    }

    @Test
    void aManWithAnotherFamilyNameNeedsTheSsn() {
        MatchRecord john = person("John", "Lopez", BORN, "male", null);
        MatchRecord other = person("John", "Smith", BORN, "male", null);

        assertEquals(Set.of(CertaintyRule.DIFFERENT_FAMILY_NEEDS_SSN), broken(other, john));
        assertEquals(
                Set.of(),
                broken(
                        person("John", "Smith", BORN, "male", "123456789"),
                        person("John", "Lopez", BORN, "male", "123456789")));
    }

    @Test
    void aFatherAndSonOfOneNameDifferInTheBirthDate() {
        MatchRecord father = person("John", "Lopez", BORN.minusYears(27), "male", null);
        MatchRecord son = person("John", "Lopez", BORN, "male", null);

        assertEquals(Set.of(CertaintyRule.BIRTH_DATE_AGREES), broken(son, father));
    }

    @Test
    void twinsWithNamesOneSlipApartAreNotOneWhenTheGendersDiffer() {
        MatchRecord mark = person("Mark", "Lopez", BORN, "male", null);
        MatchRecord mary = person("Mary", "Lopez", BORN, "female", null);

        assertEquals(Set.of(CertaintyRule.GIVEN_AGREES), broken(mary, mark));
    }

    @Test
    void twinSistersWhoseGivenNamesOnlySoundAlikeAreNotOne() {
        // given Jenny of the household, when her twin Anna registers, then the names only share a sound
        MatchRecord jenny = person("Jenny", "Martinez", BORN, "female", null);
        MatchRecord anna = person("Anna", "Martinez", BORN, "female", "968310028");

        assertEquals(Level.PHONETIC, COMPARATORS.compare(Field.GIVEN, anna, jenny));
        assertEquals(Set.of(CertaintyRule.GIVEN_AGREES), broken(anna, jenny));
    }

    @Test
    void aSoundAlikeGivenNameKeepsEveryRuleWithTheSameSsn() {
        MatchRecord jenny = person("Jenny", "Martinez", BORN, "female", "968310028");
        MatchRecord anna = person("Anna", "Martinez", BORN, "female", "968310028");

        assertEquals(Set.of(), broken(anna, jenny));
    }

    @Test
    void anUnknownGivenNameDoesNotAgreeWhenTheGendersDiffer() {
        MatchRecord mark = person("Mark", "Lopez", BORN, "male", null);
        MatchRecord noGiven = person(null, "Lopez", BORN, "female", null);

        assertEquals(Set.of(CertaintyRule.GIVEN_AGREES), broken(noGiven, mark));
        assertEquals(Set.of(), broken(person(null, "Lopez", BORN, "male", null), mark));
    }

    @Test
    void aReturningPersonWithANicknameKeepsEveryRule() {
        // given William of the household, when Bill registers a day off, then he is William
        MatchRecord william = person("William", "Lopez", BORN, "male", null);
        MatchRecord bill = person("Bill", "Lopez", BORN.plusDays(1), "male", null);

        assertEquals(Set.of(), broken(bill, william));
    }

    @Test
    void aRuleSaysWhichOfItsClausesHeld() {
        MatchRecord sarah = person("Sarah", "Lopez", BORN, "female", null);
        MatchRecord typo = person("Sbrah", "Lopez", BORN, "female", null);
        var contributions = contributions(typo, sarah);

        assertEquals(
                java.util.Optional.of("given name a slip, genders not differing"),
                CertaintyRule.GIVEN_AGREES.heldBy(typo, sarah, contributions));
        assertEquals(
                java.util.Optional.of("address agrees"), CertaintyRule.CORROBORATED.heldBy(typo, sarah, contributions));
    }

    @Test
    void aTypoInTheGivenNameKeepsEveryRuleWhenTheGendersAgree() {
        MatchRecord sarah = person("Sarah", "Lopez", BORN, "female", null);
        MatchRecord typo = person("Sbrah", "Lopez", BORN, "female", null);

        assertEquals(Set.of(), broken(typo, sarah));
    }

    @Test
    void nameAndBirthDateAloneAreUncorroborated() {
        MatchRecord known = new MatchRecord("Ana", "Lopez", BORN, "female", null, null, null, null);

        assertEquals(Set.of(CertaintyRule.CORROBORATED), broken(known, known));
    }
}
