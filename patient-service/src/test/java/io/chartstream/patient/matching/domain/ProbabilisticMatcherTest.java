package io.chartstream.patient.matching.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given a known record, when a registration is scored against it, then the outcome. */
class ProbabilisticMatcherTest {

    private static final LocalDate BORN = LocalDate.of(1980, 5, 12);

    private final ProbabilisticMatcher matcher = ProbabilisticMatcher.standard();

    /** The shipped weights with low thresholds: what the rules on top of the sum hold back, not the sum. */
    private final ProbabilisticMatcher lenient =
            new ProbabilisticMatcher(MatchWeights.standard().withThresholds(10, 5), Nicknames.standard());

    private static final MatchRecord ANA =
            new MatchRecord("Ana", "Lopez", BORN, "female", "617-555-0101", "12 Elm Street", "02139", "123-45-6789");

    private static MatchRecord ana(String given, String family, LocalDate born, String phone, String line, String ssn) {
        return new MatchRecord(given, family, born, "female", phone, line, line == null ? null : "02139", ssn);
    }

    @Test
    void theSameRecordIsCertainAndSaysWhy() {
        MatchScore score = matcher.score(ANA, ANA);

        assertEquals(MatchOutcome.CERTAIN, score.outcome());
        assertEquals(List.of(), score.heldBackBy());
        assertEquals(Field.values().length, score.contributions().size());
        assertEquals(
                score.total(),
                score.contributions().stream().mapToDouble(Contribution::weight).sum(),
                1e-9);
    }

    @Test
    void aTypoAndATransposedBirthDateStillLinkWithPhoneAndAddress() {
        MatchRecord desk = ana("Anna", "Lopes", LocalDate.of(1980, 5, 21), "6175550101", "12 Elm Street", null);

        MatchScore score = matcher.score(desk, ANA);

        assertEquals(MatchOutcome.CERTAIN, score.outcome(), score.toString());
        assertEquals(Level.TRANSPOSED, score.level(Field.BIRTH_DATE));
    }

    @Test
    void swappedGivenAndFamilyNamesAreReadCrosswise() {
        MatchRecord swapped = ana("Lopez", "Ana", BORN, "6175550101", "12 Elm Street", null);

        MatchScore score = matcher.score(swapped, ANA);

        assertTrue(score.namesSwapped());
        assertEquals(MatchOutcome.CERTAIN, score.outcome(), score.toString());
    }

    @Test
    void aTwinIsNotCertain() {
        // same family name, birth date, address and phone; another given name
        MatchRecord twin = ana("Sofia", "Lopez", BORN, "6175550101", "12 Elm Street", null);

        MatchScore score = lenient.score(twin, ANA);

        assertTrue(score.total() >= lenient.weights().certain(), score.toString());
        assertEquals(MatchOutcome.POSSIBLE, score.outcome(), score.toString());
        // and the reviewer reads why: the given names differ and no SSN tells the two apart
        assertEquals(List.of(HeldBack.GIVEN_AGREES), score.heldBackBy());
    }

    @Test
    void aStrangerWithTheSameCommonNameBornTheSameYearIsNotCertain() {
        MatchRecord known = new MatchRecord(
                "Maria", "Garcia", LocalDate.of(1980, 2, 3), "female", "3055550199", "1 Palm Court", "33101", null);
        MatchRecord stranger = new MatchRecord(
                "Maria", "Garcia", LocalDate.of(1980, 9, 21), "female", "6175550123", "77 Main Street", "02139", null);

        MatchScore score = matcher.score(stranger, known);

        assertEquals(MatchOutcome.NONE, score.outcome());
        assertEquals(List.of(HeldBack.BELOW_CERTAIN_THRESHOLD), score.heldBackBy());
    }

    @Test
    void nameAndBirthDateAloneAreNeverCertain() {
        MatchRecord onlyNameAndBirth = ana("Ana", "Lopez", BORN, null, null, null);

        MatchScore score = lenient.score(onlyNameAndBirth, ANA);

        assertTrue(score.total() >= lenient.weights().certain(), score.toString());
        assertEquals(MatchOutcome.POSSIBLE, score.outcome(), score.toString());
        assertEquals(List.of(HeldBack.CORROBORATED), score.heldBackBy());
    }

    @Test
    void aTwinWhoseNamesTheDeskSwappedIsNotCertain() {
        // both registrations with given and family swapped: "Miller John" and "Miller Michael"
        MatchRecord john =
                new MatchRecord("Miller", "John", BORN, "male", "6175550101", "12 Elm Street", "02139", null);
        MatchRecord michael =
                new MatchRecord("Miller", "Michael", BORN, "male", "6175550101", "12 Elm Street", "02139", null);

        MatchScore score = lenient.score(michael, john);

        assertEquals(MatchOutcome.POSSIBLE, score.outcome(), score.toString());
    }

    @Test
    void aDifferentSsnIsAnotherPerson() {
        MatchRecord sameButSsn = new MatchRecord(
                "Ana", "Lopez", BORN, "female", "617-555-0101", "12 Elm Street", "02139", "987-65-4321");

        MatchScore score = lenient.score(sameButSsn, ANA);

        assertEquals(MatchOutcome.POSSIBLE, score.outcome());
        assertEquals(List.of(HeldBack.NO_DIFFERENT_SSN), score.heldBackBy());
    }

    @Test
    void twoCertainCandidatesAreAReviewNotAGuess() {
        Map<String, List<MatchRecord>> lookAlikes = new LinkedHashMap<>();
        lookAlikes.put("first", List.of(ANA));
        lookAlikes.put("duplicate", List.of(ANA));

        var best = matcher.best(ANA, lookAlikes).orElseThrow();

        assertEquals(MatchOutcome.POSSIBLE, best.score().outcome());
        assertEquals(List.of(HeldBack.AMBIGUOUS), best.score().heldBackBy());
    }

    @Test
    void aCertainCandidateThatClearlyLeadsAnotherCertainOneLinks() {
        // an earlier registration of Ana that went to review became a person of its own
        MatchRecord reviewed = ana("Ana", "Lopez", BORN, null, "12 Elm Street", null);
        Map<String, List<MatchRecord>> duplicates = new LinkedHashMap<>();
        duplicates.put("reviewed", List.of(reviewed));
        duplicates.put("first", List.of(ANA));

        var best = matcher.best(ANA, duplicates).orElseThrow();

        assertEquals("first", best.key());
        assertEquals(MatchOutcome.CERTAIN, best.score().outcome(), best.score().toString());
    }

    @Test
    void noCandidateAboveThePossibleThresholdIsNoMatch() {
        MatchRecord someoneElse =
                new MatchRecord("Wei", "Chen", LocalDate.of(1955, 1, 1), "male", null, null, null, null);

        assertTrue(matcher.best(someoneElse, Map.of("ana", List.of(ANA))).isEmpty());
    }
}
