package io.chartstream.patient.registration.domain;

import io.chartstream.patient.registration.domain.PatientEvent.MatchReviewDecided;
import io.chartstream.patient.registration.domain.PatientEvent.MatchReviewRequested;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.PatientEvent.PersonMergeRequested;
import io.chartstream.patient.registration.domain.PatientEvent.PersonsMerged;
import io.chartstream.patient.registration.domain.PersonCommand.DecideReview;
import io.chartstream.patient.registration.domain.PersonCommand.RequestMerge;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.chartstream.patient.registration.domain.Given.ANA;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN_2;
import static io.chartstream.patient.registration.domain.Given.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An organization's merge request (HL7 ADT^A40), given both persons' events: a review task on
 * the stream of the person to be merged, decided like a possible match, never a merge by itself.
 */
class MergeRequestDeciderTest {

    private static final UUID SURVIVOR = UUID.fromString("00000000-0000-4000-8000-00000000001a");
    private static final UUID MERGED = UUID.fromString("00000000-0000-4000-8000-00000000001b");
    private static final UUID REVIEW = UUID.fromString("00000000-0000-4000-8000-00000000001c");
    private static final UUID EARLIER = UUID.fromString("00000000-0000-4000-8000-00000000001d");
    private static final String MESSAGE = "MSG-0042";

    private final PersonDecider decider = PersonDecider.INSTANCE;

    // Riverside registered one patient twice, under R-1001 (PID-3: the survivor) and R-2002 (MRG-1)
    private final List<PatientEvent> survivor =
            List.of(new PatientRegistered(SURVIVOR, RIVERSIDE, RIVERSIDE_MRN, document(ANA)));
    private final List<PatientEvent> merged =
            List.of(new PatientRegistered(MERGED, RIVERSIDE, RIVERSIDE_MRN_2, document(ANA)));
    private final PersonMergeRequested requested =
            new PersonMergeRequested(REVIEW, MERGED, RIVERSIDE, RIVERSIDE_MRN_2, SURVIVOR, RIVERSIDE_MRN, MESSAGE);

    @Test
    void aRequestIsAReviewTaskOnTheStreamOfThePersonToBeMerged() {
        List<PatientEvent> events = decider.decide(request(survivor), decider.fold(merged));

        assertEquals(List.of(requested), events);
        Person after = decider.fold(with(merged, requested));
        assertTrue(after.openReview(REVIEW).isPresent(), "open for an administrator");
        assertEquals(SURVIVOR, after.openReview(REVIEW).get().candidatePersonId());
        assertTrue(!after.isMerged() && after.links().size() == 1, "nothing is joined by a request");
    }

    @Test
    void thePairAskedAgainWhileOpenDecidesNothing() {
        assertEquals(List.of(), decider.decide(request(survivor), decider.fold(with(merged, requested))));
    }

    @Test
    void aPossibleMatchOfThePairOpenTheOtherWayRoundIsTheSameQuestion() {
        List<PatientEvent> survivorWithAReview = with(
                survivor,
                new MatchReviewRequested(
                        EARLIER,
                        SURVIVOR,
                        RIVERSIDE,
                        RIVERSIDE_MRN,
                        MERGED,
                        new MatchEvidence(30.0, List.of(), List.of())));

        assertEquals(List.of(), decider.decide(request(survivorWithAReview), decider.fold(merged)));
        assertEquals(
                EARLIER,
                MergeRequests.pending(decider.fold(merged), decider.fold(survivorWithAReview))
                        .orElseThrow());
    }

    @Test
    void anAdministratorsLinkClosesTheRequestTheMergeIsDecidedApart() {
        Person given = decider.fold(with(merged, requested));

        List<PatientEvent> events = decider.decide(new DecideReview(MERGED, REVIEW, ReviewDecision.LINK), given);

        assertEquals(
                List.of(new MatchReviewDecided(
                        REVIEW, MERGED, RIVERSIDE, RIVERSIDE_MRN_2, SURVIVOR, ReviewDecision.LINK)),
                events);
    }

    @Test
    void aDeclinedRequestIsRememberedAndRefusedWhenAskedAgain() {
        MatchReviewDecided declined = new MatchReviewDecided(
                REVIEW, MERGED, RIVERSIDE, RIVERSIDE_MRN_2, SURVIVOR, ReviewDecision.NOT_A_MATCH);
        Person after = decider.fold(with(with(merged, requested), declined));

        assertEquals(Set.of(SURVIVOR), after.notMatching());
        assertThrows(MergeDeclined.class, () -> decider.decide(request(survivor), after));
    }

    @Test
    void aPairTheSurvivorsStreamDeclinedIsRefusedToo() {
        List<PatientEvent> survivorDeclined = with(
                with(
                        survivor,
                        new MatchReviewRequested(
                                EARLIER,
                                SURVIVOR,
                                RIVERSIDE,
                                RIVERSIDE_MRN,
                                MERGED,
                                new MatchEvidence(30.0, List.of(), List.of()))),
                new MatchReviewDecided(
                        EARLIER, SURVIVOR, RIVERSIDE, RIVERSIDE_MRN, MERGED, ReviewDecision.NOT_A_MATCH));

        assertThrows(MergeDeclined.class, () -> decider.decide(request(survivorDeclined), decider.fold(merged)));
    }

    @Test
    void onlyTwoPersonsOfTheirOwnAreAsked() {
        PersonsMerged intoSomeoneElse = new PersonsMerged(
                UUID.fromString("00000000-0000-4000-8000-0000000000f9"),
                MERGED,
                EARLIER,
                MERGED,
                "registered twice",
                null);

        assertThrows(
                MergeRefused.class,
                () -> decider.decide(request(survivor), decider.fold(with(merged, intoSomeoneElse))));
        assertThrows(MergeRefused.class, () -> decider.decide(request(merged), decider.fold(merged)));
        assertThrows(MergeRefused.class, () -> decider.decide(request(List.of()), decider.fold(merged)));
    }

    private RequestMerge request(List<PatientEvent> survivorEvents) {
        return new RequestMerge(
                MERGED, REVIEW, RIVERSIDE, RIVERSIDE_MRN_2, decider.fold(survivorEvents), RIVERSIDE_MRN, MESSAGE);
    }

    private static List<PatientEvent> with(List<PatientEvent> history, PatientEvent next) {
        List<PatientEvent> all = new ArrayList<>(history);
        all.add(next);
        return all;
    }
}
