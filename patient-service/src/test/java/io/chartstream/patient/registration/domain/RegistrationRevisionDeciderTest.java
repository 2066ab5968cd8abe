package io.chartstream.patient.registration.domain;

import io.chartstream.patient.registration.domain.PatientEvent.IdentifierLinked;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.PatientEvent.RegistrationRevised;
import io.chartstream.patient.registration.domain.PersonCommand.ReviseRegistration;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.chartstream.patient.registration.domain.Given.ANA;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS_MRN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An organization revising its own registration of a person, given the person's events. */
class RegistrationRevisionDeciderTest {

    private static final UUID PERSON = UUID.fromString("7d1f3c2a-0b4e-4c1d-9a55-2f6e8b9c0d11");
    private static final Demographics MARRIED = new Demographics(
            "Ana Maria",
            "Lopez-Garcia",
            LocalDate.of(1980, 5, 17),
            "female",
            "+1 555 0142",
            "40 Harbor Rd 01103",
            null);

    private final PersonDecider decider = PersonDecider.INSTANCE;
    private final PatientDocument registered = document("Lopez", ANA);
    private final PatientDocument married = document("Lopez-Garcia", MARRIED);
    private final PatientDocument linked = document("Lopez (st-marys)", ANA);
    private final List<PatientEvent> registeredAndLinked = List.of(
            new PatientRegistered(PERSON, RIVERSIDE, RIVERSIDE_MRN, registered),
            new IdentifierLinked(PERSON, ST_MARYS, ST_MARYS_MRN, linked, MatchedOn.DEMOGRAPHICS));

    private static PatientDocument document(String family, Demographics demographics) {
        return new PatientDocument(
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\"}]}", demographics);
    }

    private static List<PatientEvent> with(List<PatientEvent> given, PatientEvent more) {
        List<PatientEvent> all = new ArrayList<>(given);
        all.add(more);
        return all;
    }

    @Test
    void theRegistrantsRevisionIsRecordedAndBecomesThePersonsDemographics() {
        Person given = decider.fold(registeredAndLinked);

        List<PatientEvent> events =
                decider.decide(new ReviseRegistration(PERSON, RIVERSIDE, RIVERSIDE_MRN, married), given);

        RegistrationRevised revised = new RegistrationRevised(PERSON, RIVERSIDE, RIVERSIDE_MRN, married, true);
        assertEquals(List.of(revised), events);
        Person after = decider.fold(with(registeredAndLinked, revised));
        assertEquals(married, after.firstRegistration(), "the first registration, as its registrant revised it");
        assertEquals(married, after.registrationOf(RIVERSIDE, RIVERSIDE_MRN).orElseThrow());
        assertEquals(3, after.version());
        assertEquals(given.links(), after.links(), "a revision links nothing");
    }

    @Test
    void aLinkingOrganizationRevisesOnlyItsOwnRegistration() {
        Person given = decider.fold(registeredAndLinked);

        List<PatientEvent> events =
                decider.decide(new ReviseRegistration(PERSON, ST_MARYS, ST_MARYS_MRN, married), given);

        assertEquals(List.of(new RegistrationRevised(PERSON, ST_MARYS, ST_MARYS_MRN, married, false)), events);
        Person after = decider.fold(with(registeredAndLinked, events.get(0)));
        assertEquals(registered, after.firstRegistration(), "the person's demographics are the registrant's");
        assertEquals(married, after.registrationOf(ST_MARYS, ST_MARYS_MRN).orElseThrow());
    }

    @Test
    void theSamePatientAgainChangesNothing() {
        Person given = decider.fold(
                with(registeredAndLinked, new RegistrationRevised(PERSON, RIVERSIDE, RIVERSIDE_MRN, married, true)));

        assertEquals(
                List.of(), decider.decide(new ReviseRegistration(PERSON, RIVERSIDE, RIVERSIDE_MRN, married), given));
        assertEquals(
                List.of(),
                decider.decide(new ReviseRegistration(PERSON, ST_MARYS, ST_MARYS_MRN, linked), given),
                "what the linking organization sent when it registered");
    }

    @Test
    void anotherOrganizationsRegistrationIsNotRevised() {
        Person given = decider.fold(registeredAndLinked);

        assertThrows(
                NotTheRegistrant.class,
                () -> decider.decide(new ReviseRegistration(PERSON, ST_MARYS, RIVERSIDE_MRN, married), given));
        assertThrows(
                NotTheRegistrant.class,
                () -> decider.decide(
                        new ReviseRegistration(PERSON, "northside-pediatrics", RIVERSIDE_MRN, married), given));
    }

    @Test
    void aPersonNotRegisteredHasNoRegistrationToRevise() {
        assertThrows(
                NotTheRegistrant.class,
                () -> decider.decide(new ReviseRegistration(PERSON, RIVERSIDE, RIVERSIDE_MRN, married), Person.NONE));
    }
}
