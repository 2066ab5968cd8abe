package io.chartstream.patient.registration.domain;

import io.chartstream.patient.registration.domain.PatientEvent.MatchReviewDecided;
import io.chartstream.patient.registration.domain.PatientEvent.MatchReviewRequested;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.PersonCommand.DecideReview;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.chartstream.patient.registration.domain.Given.ANA;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS_MRN;
import static io.chartstream.patient.registration.domain.Given.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An administrator's decision on a possible match, given the person's events. */
class ReviewDecisionDeciderTest {

    private static final UUID PERSON = UUID.fromString("7d1f3c2a-0b4e-4c1d-9a55-2f6e8b9c0d11");
    private static final UUID CANDIDATE = UUID.fromString("00000000-0000-4000-8000-0000000000aa");
    private static final UUID REVIEW = UUID.fromString("00000000-0000-4000-8000-0000000000bb");

    private final PersonDecider decider = PersonDecider.INSTANCE;
    private final List<PatientEvent> registeredWithAReview = List.of(
            new PatientRegistered(
                    PERSON,
                    ST_MARYS,
                    ST_MARYS_MRN,
                    registration(ST_MARYS, ANA, ST_MARYS_MRN).patient()),
            new MatchReviewRequested(
                    REVIEW, PERSON, ST_MARYS, ST_MARYS_MRN, CANDIDATE, new MatchEvidence(30.0, List.of(), List.of())));
    private final MatchReviewDecided notAMatch =
            new MatchReviewDecided(REVIEW, PERSON, ST_MARYS, ST_MARYS_MRN, CANDIDATE, ReviewDecision.NOT_A_MATCH);

    @Test
    void notAMatchOnAnOpenReviewIsDecidedAndRemembered() {
        Person given = decider.fold(registeredWithAReview);

        List<PatientEvent> events = decider.decide(new DecideReview(PERSON, REVIEW, ReviewDecision.NOT_A_MATCH), given);

        assertEquals(List.of(notAMatch), events);
        Person after = decider.fold(with(registeredWithAReview, notAMatch));
        assertEquals(Set.of(CANDIDATE), after.notMatching());
        assertTrue(after.openReview(REVIEW).isEmpty(), "decided, no longer open");
        assertEquals(3, after.version());
    }

    @Test
    void anOpenReviewRemembersNothing() {
        Person given = decider.fold(registeredWithAReview);

        assertEquals(Set.of(), given.notMatching());
        assertTrue(given.openReview(REVIEW).isPresent());
    }

    @Test
    void aDecidedReviewIsNotDecidedAgain() {
        Person given = decider.fold(with(registeredWithAReview, notAMatch));

        assertThrows(
                ReviewNotOpen.class,
                () -> decider.decide(new DecideReview(PERSON, REVIEW, ReviewDecision.NOT_A_MATCH), given));
    }

    @Test
    void aReviewThePersonDoesNotHaveIsNotOpen() {
        Person given = decider.fold(registeredWithAReview);
        UUID other = UUID.fromString("00000000-0000-4000-8000-0000000000cc");

        assertThrows(
                ReviewNotOpen.class,
                () -> decider.decide(new DecideReview(PERSON, other, ReviewDecision.NOT_A_MATCH), given));
    }

    @Test
    void aLinkIsDecidedAndClosesTheReviewTheMergeIsDecidedApart() {
        Person given = decider.fold(registeredWithAReview);

        List<PatientEvent> events = decider.decide(new DecideReview(PERSON, REVIEW, ReviewDecision.LINK), given);

        // the merge of the person into the candidate is its own command, on both streams (PersonMergeDeciderTest)
        assertEquals(
                List.of(new MatchReviewDecided(REVIEW, PERSON, ST_MARYS, ST_MARYS_MRN, CANDIDATE, ReviewDecision.LINK)),
                events);
        Person after = decider.fold(with(registeredWithAReview, events.get(0)));
        assertTrue(after.openReview(REVIEW).isEmpty());
        assertEquals(Set.of(), after.notMatching(), "a link is not a not-a-match");
    }

    private static List<PatientEvent> with(List<PatientEvent> history, PatientEvent next) {
        List<PatientEvent> all = new ArrayList<>(history);
        all.add(next);
        return all;
    }
}
