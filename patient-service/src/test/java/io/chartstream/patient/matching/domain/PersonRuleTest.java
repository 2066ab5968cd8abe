package io.chartstream.patient.matching.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given a candidate person's records, when a registration is matched against the person, then
 * whether its certain score stands: a person's other record may show that the registration is
 * someone else although the record that scored best does not.
 */
class PersonRuleTest {

    private static final LocalDate BORN = LocalDate.of(2020, 6, 2);
    private static final LocalDate CLARK_BORN = LocalDate.of(1989, 5, 14);
    private static final String CLARK_SSN = "969137236";

    private final ProbabilisticMatcher matcher = ProbabilisticMatcher.standard();

    /** A woman of the household at 428 Beacon Street, with its phone. */
    private static MatchRecord household(String given, String family, LocalDate born, String phone, String ssn) {
        return new MatchRecord(given, family, born, "female", phone, "428 Beacon Street", "01562", ssn);
    }

    private MatchScore best(MatchRecord submitted, List<MatchRecord> personRecords) {
        return matcher.best(submitted, Map.of("person", personRecords))
                .orElseThrow()
                .score();
    }

    @Test
    void aTwinSisterTypedCrosswiseIsNotCertainWhenThePersonKnowsTheNameAsItsFamily() {
        // given Barbara Johnson, registered once as she is and once with her names crosswise
        List<MatchRecord> barbara = List.of(
                household("Barbara", "Johnson", BORN, "2245556421", "991847848"),
                household("Johnson", "Barbsra", BORN, "2245556421", null));
        // when her twin Mary's registration comes with the names crosswise as well
        MatchRecord mary = household("Johnson", "Mary", BORN, "2245556421", null);

        MatchScore score = best(mary, barbara);

        // then "Johnson" is no given name the two share: a review, not a link
        assertEquals(MatchOutcome.POSSIBLE, score.outcome(), score.toString());
        assertEquals(List.of(HeldBack.MARRIED_NAME_IS_NOT_THE_FAMILY_NAME), score.heldBackBy());
        assertEquals(
                Set.of(PersonRule.MARRIED_NAME_IS_NOT_THE_FAMILY_NAME),
                PersonRule.broken(mary, barbara.get(1), score, scores(mary, barbara)));
    }

    @Test
    void aMarriedNameStillLinks() {
        // given Ana Lopez
        List<MatchRecord> ana = List.of(household("Ana", "Lopez", BORN, "2245556421", null));
        // when she registers under her married name at the same address
        MatchRecord married = household("Ana", "Smith", BORN, "2245556421", null);

        MatchScore score = best(married, ana);

        // then she is linked
        assertEquals(MatchOutcome.CERTAIN, score.outcome(), score.toString());
    }

    @Test
    void aTwinKnownUnderHerOwnSsnIsNotCertainThoughHerOtherRecordHasNone() {
        // given Lisa Clark, known with her SSN and once without it
        List<MatchRecord> lisa = clarkWithAndWithoutSsn("Lisa");
        // when her twin registers as Liza, one slip from Lisa, a year off, with another SSN
        MatchScore score = best(lizaAYearOff("946335843"), lisa);

        // then two SSNs are two people, whichever record scored best
        assertEquals(MatchOutcome.POSSIBLE, score.outcome(), score.toString());
        assertEquals(List.of(HeldBack.NO_DIFFERENT_SSN_ON_ANY_RECORD), score.heldBackBy());
        assertEquals(Level.SIMILAR, score.level(Field.GIVEN));
    }

    @Test
    void aReturningPersonWithANicknameStillLinks() {
        // given Elizabeth Clark, known with her SSN and once without it
        List<MatchRecord> elizabeth = clarkWithAndWithoutSsn("Elizabeth");
        // when she comes back as Liza, her birth date a year off, with her own SSN
        MatchScore score = best(lizaAYearOff(CLARK_SSN), elizabeth);

        // then she is linked
        assertEquals(MatchOutcome.CERTAIN, score.outcome(), score.toString());
        assertEquals(Level.NICKNAME, score.level(Field.GIVEN));
    }

    @Test
    void aLinkOnNameBirthDateAndGenderAloneKeepsThePersonsRulesToo() {
        // given Lisa Clark known under her SSN and once without it, and decisions §34's option on
        List<MatchRecord> lisa = clarkWithAndWithoutSsn("Lisa");
        var option = new UncorroboratedLink(true, 1.0, 0);
        // when someone of her exact name, birth date and gender, nothing else shared, brings another SSN
        MatchRecord namesake = new MatchRecord("Lisa", "Clark", CLARK_BORN, "female", null, null, null, "946335843");

        var best = matcher.best(namesake, Map.of("lisa", lisa), option, (person, known) -> true);

        // then the option does not link her: two SSNs are two people
        assertTrue(best.isEmpty() || best.get().score().outcome() != MatchOutcome.CERTAIN, best.toString());
        // and without the other SSN on file it would have
        var withoutSsn = matcher.best(namesake, Map.of("lisa", List.of(lisa.get(1))), option, (person, known) -> true);
        assertEquals(MatchOutcome.CERTAIN, withoutSsn.orElseThrow().score().outcome());
    }

    private static List<MatchRecord> clarkWithAndWithoutSsn(String given) {
        return List.of(
                household(given, "Clark", CLARK_BORN, null, CLARK_SSN),
                household(given, "Clark", CLARK_BORN, "2025557198", null));
    }

    private static MatchRecord lizaAYearOff(String ssn) {
        return household("Liza", "Clark", CLARK_BORN.minusYears(1), null, ssn);
    }

    private Map<MatchRecord, MatchScore> scores(MatchRecord submitted, List<MatchRecord> records) {
        Map<MatchRecord, MatchScore> scores = new java.util.LinkedHashMap<>();
        records.forEach(k -> scores.put(k, matcher.score(submitted, k)));
        return scores;
    }
}
