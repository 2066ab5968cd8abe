package io.chartstream.patient.registration.domain;

import io.chartstream.patient.registration.domain.PatientEvent.IdentifierLinked;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.PersonCommand.LinkRegistration;
import io.chartstream.patient.registration.domain.PersonCommand.RegisterPerson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.chartstream.patient.registration.domain.Given.ANA;
import static io.chartstream.patient.registration.domain.Given.NATIONAL_ID;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN_2;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS_MRN;
import static io.chartstream.patient.registration.domain.Given.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PersonDeciderTest {

    private static final UUID PERSON = UUID.fromString("7d1f3c2a-0b4e-4c1d-9a55-2f6e8b9c0d11");

    private final Registration riverside = registration(RIVERSIDE, ANA, RIVERSIDE_MRN);
    private final List<PatientEvent> registeredByRiverside =
            List.of(new PatientRegistered(PERSON, RIVERSIDE, RIVERSIDE_MRN, riverside.patient()));

    @Test
    void newPersonIsRegisteredUnderTheFirstIdentifier() {
        // given no events; when
        List<PatientEvent> events = PersonDecider.INSTANCE.decide(new RegisterPerson(PERSON, riverside), Person.NONE);
        // then
        assertEquals(registeredByRiverside, events);
    }

    @Test
    void furtherIdentifiersOfANewRegistrationAreLinkedToTheNewPerson() {
        Registration twoIds = registration(RIVERSIDE, ANA, RIVERSIDE_MRN, NATIONAL_ID);

        List<PatientEvent> events = PersonDecider.INSTANCE.decide(new RegisterPerson(PERSON, twoIds), Person.NONE);

        assertEquals(
                List.of(
                        new PatientRegistered(PERSON, RIVERSIDE, RIVERSIDE_MRN, twoIds.patient()),
                        new IdentifierLinked(PERSON, RIVERSIDE, NATIONAL_ID, twoIds.patient(), MatchedOn.IDENTIFIER)),
                events);
    }

    @Test
    void sameOrganizationAndIdentifierAgainDecidesNothing() {
        Person given = PersonDecider.INSTANCE.fold(registeredByRiverside);

        List<PatientEvent> events = PersonDecider.INSTANCE.decide(
                new LinkRegistration(PERSON, registration(RIVERSIDE, ANA, RIVERSIDE_MRN), MatchedOn.IDENTIFIER), given);

        assertEquals(List.of(), events);
    }

    @Test
    void anotherOrganizationIsLinkedUnderEachOfItsIdentifiers() {
        Person given = PersonDecider.INSTANCE.fold(registeredByRiverside);
        Registration stMarys = registration(ST_MARYS, ANA, RIVERSIDE_MRN, ST_MARYS_MRN);

        List<PatientEvent> events =
                PersonDecider.INSTANCE.decide(new LinkRegistration(PERSON, stMarys, MatchedOn.IDENTIFIER), given);

        // St Mary's now knows the person under Riverside's MRN too: that link is news (a care relationship).
        assertEquals(
                List.of(
                        new IdentifierLinked(PERSON, ST_MARYS, RIVERSIDE_MRN, stMarys.patient(), MatchedOn.IDENTIFIER),
                        new IdentifierLinked(PERSON, ST_MARYS, ST_MARYS_MRN, stMarys.patient(), MatchedOn.IDENTIFIER)),
                events);
    }

    @Test
    void onlyLinksNewToThePersonAreDecided() {
        Person given = PersonDecider.INSTANCE.fold(registeredByRiverside);
        Registration again = registration(RIVERSIDE, ANA, RIVERSIDE_MRN, RIVERSIDE_MRN_2);

        List<PatientEvent> events =
                PersonDecider.INSTANCE.decide(new LinkRegistration(PERSON, again, MatchedOn.IDENTIFIER), given);

        assertEquals(
                List.of(new IdentifierLinked(
                        PERSON, RIVERSIDE, RIVERSIDE_MRN_2, again.patient(), MatchedOn.IDENTIFIER)),
                events);
    }

    @Test
    void demographicMatchIsRecordedAsSuch() {
        Person given = PersonDecider.INSTANCE.fold(registeredByRiverside);
        Registration stMarys = registration(ST_MARYS, ANA, ST_MARYS_MRN);

        List<PatientEvent> events =
                PersonDecider.INSTANCE.decide(new LinkRegistration(PERSON, stMarys, MatchedOn.DEMOGRAPHICS), given);

        assertEquals(
                List.of(new IdentifierLinked(
                        PERSON, ST_MARYS, ST_MARYS_MRN, stMarys.patient(), MatchedOn.DEMOGRAPHICS)),
                events);
    }

    @Test
    void evolveKeepsTheFirstRegistrationAndEveryLink() {
        Registration stMarys = registration(ST_MARYS, new Demographics("Ana", "Lopez-Diaz", null), ST_MARYS_MRN);
        Person person = PersonDecider.INSTANCE.fold(List.of(
                registeredByRiverside.get(0),
                new IdentifierLinked(PERSON, ST_MARYS, ST_MARYS_MRN, stMarys.patient(), MatchedOn.DEMOGRAPHICS),
                new IdentifierLinked(PERSON, ST_MARYS, RIVERSIDE_MRN, stMarys.patient(), MatchedOn.IDENTIFIER)));

        assertEquals(PERSON, person.personId());
        assertEquals(3, person.version());
        assertEquals(riverside.patient(), person.firstRegistration());
        assertEquals(List.of(RIVERSIDE_MRN, ST_MARYS_MRN), person.identifiers());
        assertEquals(true, person.isLinkedBy(ST_MARYS));
    }

    @Test
    void registeringAnExistingPersonAgainIsRefused() {
        Person given = PersonDecider.INSTANCE.fold(registeredByRiverside);

        assertThrows(
                IllegalStateException.class,
                () -> PersonDecider.INSTANCE.decide(new RegisterPerson(PERSON, riverside), given));
    }

    @Test
    void linkingToAPersonWithoutEventsIsRefused() {
        assertThrows(
                IllegalStateException.class,
                () -> PersonDecider.INSTANCE.decide(
                        new LinkRegistration(PERSON, riverside, MatchedOn.IDENTIFIER), Person.NONE));
    }

    @Test
    void aPossibleMatchIsANewPersonAndAReviewRequestThatLinksNothing() {
        UUID candidate = UUID.fromString("00000000-0000-4000-8000-0000000000aa");
        UUID review = UUID.fromString("00000000-0000-4000-8000-0000000000bb");
        MatchEvidence evidence = new MatchEvidence(30.0, List.of(), List.of());
        Registration r = registration(ST_MARYS, ANA, ST_MARYS_MRN);

        List<PatientEvent> events = PersonDecider.INSTANCE.decide(
                new RegisterPerson(PERSON, r, new PersonCommand.PossibleMatch(review, candidate, evidence)),
                Person.NONE);

        assertEquals(
                List.of(
                        new PatientRegistered(PERSON, ST_MARYS, ST_MARYS_MRN, r.patient()),
                        new PatientEvent.MatchReviewRequested(
                                review, PERSON, ST_MARYS, ST_MARYS_MRN, candidate, evidence)),
                events);
        Person after = PersonDecider.INSTANCE.fold(events);
        assertEquals(2, after.version());
        assertEquals(List.of(new Person.Link(ST_MARYS, ST_MARYS_MRN)), after.links());
    }
}
