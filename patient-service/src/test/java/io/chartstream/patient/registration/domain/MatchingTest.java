package io.chartstream.patient.registration.domain;

import io.chartstream.patient.matching.domain.MatchRecord;
import io.chartstream.patient.matching.domain.ProbabilisticMatcher;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.PersonCommand.LinkRegistration;
import io.chartstream.patient.registration.domain.PersonCommand.RegisterPerson;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.chartstream.patient.registration.domain.Given.ANA;
import static io.chartstream.patient.registration.domain.Given.KATHERINE;
import static io.chartstream.patient.registration.domain.Given.NATIONAL_ID;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN_2;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS_MRN;
import static io.chartstream.patient.registration.domain.Given.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MatchingTest {

    private static final UUID ANA_ID = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private static final UUID OTHER_ID = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    private static final UUID NEW_ID = UUID.fromString("00000000-0000-4000-8000-00000000000c");

    private static Person registered(UUID id, String organization, Demographics demographics, Identifier identifier) {
        Registration r = registration(organization, demographics, identifier);
        return PersonDecider.INSTANCE.fold(List.of(new PatientRegistered(id, organization, identifier, r.patient())));
    }

    private final Person anaAtRiverside = registered(ANA_ID, RIVERSIDE, ANA, RIVERSIDE_MRN);

    @Test
    void unknownIdentifierAndNoLookAlikeIsANewPerson() {
        Registration r = registration(ST_MARYS, ANA, ST_MARYS_MRN);

        PersonCommand command = Matching.match(r, Map.of(), List.of(), () -> NEW_ID);

        assertEquals(new RegisterPerson(NEW_ID, r), command);
    }

    @Test
    void anyKnownIdentifierLinksOnIdentifier() {
        Registration r = registration(ST_MARYS, new Demographics("Someone", "Else", null), ST_MARYS_MRN, RIVERSIDE_MRN);

        PersonCommand command = Matching.match(r, Map.of(RIVERSIDE_MRN, ANA_ID), List.of(), () -> NEW_ID);

        assertEquals(new LinkRegistration(ANA_ID, r, MatchedOn.IDENTIFIER), command);
    }

    @Test
    void identifiersOfTwoDifferentPersonsAreAConflictNotASilentMerge() {
        Registration r = registration(ST_MARYS, ANA, RIVERSIDE_MRN, NATIONAL_ID);

        ConflictingIdentifiers conflict = assertThrows(
                ConflictingIdentifiers.class,
                () -> Matching.match(r, Map.of(RIVERSIDE_MRN, ANA_ID, NATIONAL_ID, OTHER_ID), List.of(), () -> NEW_ID));

        assertEquals(Set.of(ANA_ID, OTHER_ID), conflict.personIds());
    }

    @Test
    void aCertainDemographicMatchLinksIgnoringCaseSpacesAndPhonePunctuation() {
        Demographics sameAna = new Demographics(
                "  ana   MARIA ", "LOPEZ ", LocalDate.of(1980, 5, 17), "female", "(1) 555-0100", null, null);
        Registration r = registration(ST_MARYS, sameAna, ST_MARYS_MRN);

        PersonCommand command = Matching.match(r, Map.of(), List.of(anaAtRiverside), () -> NEW_ID);

        assertEquals(new LinkRegistration(ANA_ID, r, MatchedOn.DEMOGRAPHICS), command);
    }

    @Test
    void nameAndBirthDateAloneNeverLinkWhatAnyoneCanLearnAboutAPublicFigure() {
        Demographics lookAlike = new Demographics("Ana Maria", "Lopez", LocalDate.of(1980, 5, 17));
        Registration r = registration(ST_MARYS, lookAlike, ST_MARYS_MRN);

        assertEquals(new RegisterPerson(NEW_ID, r), Matching.match(r, Map.of(), List.of(anaAtRiverside), () -> NEW_ID));
    }

    @Test
    void nameBirthDateAndGenderWithoutFurtherEvidenceAreNotCertain() {
        Demographics lookAlike =
                new Demographics("Ana Maria", "Lopez", LocalDate.of(1980, 5, 17), "female", "+1 555 9999", null, null);
        Registration r = registration(ST_MARYS, lookAlike, ST_MARYS_MRN);

        assertEquals(new RegisterPerson(NEW_ID, r), Matching.match(r, Map.of(), List.of(anaAtRiverside), () -> NEW_ID));
    }

    @Test
    void theSameAddressOrNationalIdentifierIsEvidenceButADifferentGenderIsNot() {
        Demographics sameAddress = new Demographics(
                "Ana Maria", "Lopez", LocalDate.of(1980, 5, 17), "female", null, " 12 river  ROAD 01101", null);
        Registration byAddress = registration(ST_MARYS, sameAddress, ST_MARYS_MRN);
        Demographics otherGender =
                new Demographics("Ana Maria", "Lopez", LocalDate.of(1980, 5, 17), "male", "+1 555 0100", null, null);
        Registration byPhoneOtherGender = registration(ST_MARYS, otherGender, ST_MARYS_MRN);

        assertEquals(
                new LinkRegistration(ANA_ID, byAddress, MatchedOn.DEMOGRAPHICS),
                Matching.match(byAddress, Map.of(), List.of(anaAtRiverside), () -> NEW_ID));
        assertEquals(
                new RegisterPerson(NEW_ID, byPhoneOtherGender),
                Matching.match(byPhoneOtherGender, Map.of(), List.of(anaAtRiverside), () -> NEW_ID));
    }

    @Test
    void differentBirthDateIsANewPerson() {
        Registration r =
                registration(ST_MARYS, new Demographics("Ana Maria", "Lopez", LocalDate.of(1980, 5, 18)), ST_MARYS_MRN);

        assertEquals(new RegisterPerson(NEW_ID, r), Matching.match(r, Map.of(), List.of(anaAtRiverside), () -> NEW_ID));
    }

    @Test
    void incompleteDemographicsNeverMatch() {
        Person anaWithoutBirthDate =
                registered(ANA_ID, RIVERSIDE, new Demographics("Ana Maria", "Lopez", null), RIVERSIDE_MRN);
        Registration r = registration(ST_MARYS, new Demographics("Ana Maria", "Lopez", null), ST_MARYS_MRN);

        assertEquals(
                new RegisterPerson(NEW_ID, r), Matching.match(r, Map.of(), List.of(anaWithoutBirthDate), () -> NEW_ID));
    }

    @Test
    void lookAlikeTheSameOrganizationRegisteredUnderAnotherIdentifierIsSomeoneElse() {
        Registration r = registration(RIVERSIDE, ANA, RIVERSIDE_MRN_2);

        assertEquals(new RegisterPerson(NEW_ID, r), Matching.match(r, Map.of(), List.of(anaAtRiverside), () -> NEW_ID));
    }

    @Test
    void severalLookAlikesAreNotGuessedBetween() {
        Person otherAna = registered(OTHER_ID, "lakeside-lab", ANA, new Identifier("urn:lakeside:id", "L-1"));
        Registration r = registration(ST_MARYS, ANA, ST_MARYS_MRN);

        assertEquals(
                new RegisterPerson(NEW_ID, r),
                Matching.match(r, Map.of(), List.of(anaAtRiverside, otherAna), () -> NEW_ID));
    }

    @Test
    void identifierMatchWinsOverADemographicLookAlike() {
        Person otherAna = registered(OTHER_ID, "lakeside-lab", ANA, new Identifier("urn:lakeside:id", "L-1"));
        Registration r = registration(ST_MARYS, ANA, RIVERSIDE_MRN);

        assertEquals(
                new LinkRegistration(ANA_ID, r, MatchedOn.IDENTIFIER),
                Matching.match(r, Map.of(RIVERSIDE_MRN, ANA_ID), List.of(otherAna), () -> NEW_ID));
    }

    // Probabilistic matching, the rung after the exact rule (issue 12)

    private static final ProbabilisticMatcher MATCHER = ProbabilisticMatcher.standard();

    private static Map<UUID, List<MatchRecord>> known(Demographics d) {
        return Map.of(ANA_ID, List.of(d.matchRecord()));
    }

    @Test
    void aCertainProbabilisticMatchLinksWithItsScore() {
        Registration r = registration(
                ST_MARYS,
                new Demographics(
                        "Katharine",
                        "Whitfield",
                        LocalDate.of(1975, 2, 11),
                        "female",
                        "6175550101",
                        "40 Harbor View Lane 02118",
                        null),
                ST_MARYS_MRN);

        PersonCommand command = Matching.match(r, Map.of(), List.of(), known(KATHERINE), MATCHER, () -> NEW_ID);

        LinkRegistration link = (LinkRegistration) command;
        assertEquals(ANA_ID, link.personId());
        assertEquals(MatchedOn.DEMOGRAPHICS, link.matchedOn());
        assertEquals(7 - 1, link.evidence().contributions().size(), "every known field but the SSN");
    }

    /** A woman born the day Katherine was, at her phone and address, registered by St Mary's. */
    private static Registration atKatherinesHome(String given, String family) {
        return registration(
                ST_MARYS,
                new Demographics(
                        given,
                        family,
                        LocalDate.of(1975, 11, 2),
                        "female",
                        "6175550101",
                        "40 Harbor View Lane 02118",
                        null),
                ST_MARYS_MRN);
    }

    @Test
    void aMarriedNameLinksOnTheSameGivenNameBirthDateAndHousehold() {
        Registration r = atKatherinesHome("Katherine", "Brennan");

        PersonCommand command = Matching.match(r, Map.of(), List.of(), known(KATHERINE), MATCHER, () -> NEW_ID);

        assertEquals(ANA_ID, ((LinkRegistration) command).personId());
    }

    @Test
    void aPossibleMatchRegistersANewPersonAndAsksForAReview() {
        // her twin sister: the household's family name, birth date, phone and address, another given name
        Registration r = atKatherinesHome("Sofia", "Whitfield");
        UUID[] ids = {NEW_ID, OTHER_ID};
        int[] next = {0};

        PersonCommand command = Matching.match(r, Map.of(), List.of(), known(KATHERINE), MATCHER, () -> ids[next[0]++]);

        RegisterPerson register = (RegisterPerson) command;
        assertEquals(NEW_ID, register.personId());
        assertEquals(ANA_ID, register.possibleMatch().candidatePersonId());
        assertEquals(OTHER_ID, register.possibleMatch().reviewId());
    }

    @Test
    void noProbabilisticCandidateIsANewPerson() {
        Registration r = registration(ST_MARYS, KATHERINE, ST_MARYS_MRN);

        PersonCommand command = Matching.match(r, Map.of(), List.of(), Map.of(), MATCHER, () -> NEW_ID);

        assertEquals(new RegisterPerson(NEW_ID, r), command);
    }
}
