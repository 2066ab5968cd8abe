package io.chartstream.patient.registration.domain;

import io.chartstream.patient.matching.domain.MatchRecord;
import io.chartstream.patient.matching.domain.ProbabilisticMatcher;
import io.chartstream.patient.matching.domain.UncorroboratedLink;
import io.chartstream.patient.registration.domain.PersonCommand.LinkRegistration;
import io.chartstream.patient.registration.domain.PersonCommand.RegisterPerson;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chartstream.patient.registration.domain.Given.KATHERINE;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN_2;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS_MRN;
import static io.chartstream.patient.registration.domain.Given.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Decisions §34's option, given a person known from Riverside and a registration at St Mary's that
 * shares her name, birth date and gender but no address, phone or SSN (she moved).
 */
class UncorroboratedLinkMatchingTest {

    private static final UUID KATHERINE_ID = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private static final UUID NEW_ID = UUID.fromString("00000000-0000-4000-8000-00000000000c");
    private static final ProbabilisticMatcher MATCHER = ProbabilisticMatcher.standard();

    private static final Map<UUID, List<MatchRecord>> CANDIDATES =
            Map.of(KATHERINE_ID, List.of(KATHERINE.matchRecord()));

    private static final UncorroboratedLink ON = new UncorroboratedLink(true, 0.0001, 10_000);

    private static Registration movedAway(String given, LocalDate born) {
        return registration(
                ST_MARYS,
                new Demographics(given, "Whitfield", born, "female", "6175550999", "7 Elm Street 02139", null),
                ST_MARYS_MRN);
    }

    /** An index of 20,000 records in which her name is filed {@code nameRecords} times. */
    private static UncorroboratedLinkFacts index(long nameRecords, long indexRecords, List<Identifier> submitted) {
        return new UncorroboratedLinkFacts() {
            @Override
            public long nameRecords(MatchRecord known) {
                return nameRecords;
            }

            @Override
            public long indexRecords() {
                return indexRecords;
            }

            @Override
            public List<Identifier> identifiersOf(UUID person) {
                return person.equals(KATHERINE_ID) ? List.of(RIVERSIDE_MRN) : List.of();
            }

            @Override
            public List<Identifier> submittedIdentifiers() {
                return submitted;
            }
        };
    }

    private static PersonCommand match(Registration r, UncorroboratedLink option, UncorroboratedLinkFacts facts) {
        return Matching.match(r, Map.of(), List.of(), CANDIDATES, MATCHER, option, facts, () -> NEW_ID);
    }

    @Test
    void offDecisionNineStandsAndNameBirthDateAndGenderAloneDoNotLink() {
        Registration r = movedAway("Katherine", LocalDate.of(1975, 11, 2));

        PersonCommand command = match(r, UncorroboratedLink.OFF, index(1, 20_000, List.of(ST_MARYS_MRN)));

        assertEquals(new RegisterPerson(NEW_ID, r), command);
    }

    @Test
    void onARareNameWithTheSameBirthDateAndGenderLinksWithoutCorroboration() {
        Registration r = movedAway("Katherine", LocalDate.of(1975, 11, 2));

        PersonCommand command = match(r, ON, index(1, 20_000, List.of(ST_MARYS_MRN)));

        LinkRegistration link = assertInstanceOf(LinkRegistration.class, command);
        assertEquals(KATHERINE_ID, link.personId());
        assertEquals(MatchedOn.DEMOGRAPHICS, link.matchedOn());
    }

    @Test
    void onACommonNameDoesNotLink() {
        Registration r = movedAway("Katherine", LocalDate.of(1975, 11, 2));

        // 3 of 20,000 records is more than a share of 0.0001 (2)
        PersonCommand command = match(r, ON, index(3, 20_000, List.of(ST_MARYS_MRN)));

        assertEquals(new RegisterPerson(NEW_ID, r), command);
    }

    @Test
    void onAYoungIndexKnowsNoRareName() {
        Registration r = movedAway("Katherine", LocalDate.of(1975, 11, 2));

        PersonCommand command = match(r, ON, index(0, 9_999, List.of(ST_MARYS_MRN)));

        assertEquals(new RegisterPerson(NEW_ID, r), command);
    }

    @Test
    void onABirthDateOffByADayDoesNotLink() {
        Registration r = movedAway("Katherine", LocalDate.of(1975, 11, 1));

        PersonCommand command = match(r, ON, index(1, 20_000, List.of(ST_MARYS_MRN)));

        assertEquals(new RegisterPerson(NEW_ID, r), command);
    }

    @Test
    void onANicknameDoesNotLink() {
        Registration r = movedAway("Kate", LocalDate.of(1975, 11, 2));

        PersonCommand command = match(r, ON, index(1, 20_000, List.of(ST_MARYS_MRN)));

        assertEquals(new RegisterPerson(NEW_ID, r), command);
    }

    @Test
    void onAnIdentifierOfTheSameAssigningAuthorityThatDisagreesVetoesTheLink() {
        // St Mary's Patient also carries the Riverside MRN it was told: R-2002, where she is R-1001
        Registration r = movedAway("Katherine", LocalDate.of(1975, 11, 2));

        PersonCommand command = match(r, ON, index(1, 20_000, List.of(ST_MARYS_MRN, RIVERSIDE_MRN_2)));

        assertEquals(new RegisterPerson(NEW_ID, r), command);
    }

    @Test
    void onTheSameIdentifierOfTheSameAssigningAuthorityIsNoVeto() {
        Registration r = movedAway("Katherine", LocalDate.of(1975, 11, 2));

        PersonCommand command = match(r, ON, index(1, 20_000, List.of(ST_MARYS_MRN, RIVERSIDE_MRN)));

        assertEquals(
                KATHERINE_ID, assertInstanceOf(LinkRegistration.class, command).personId());
    }
}
