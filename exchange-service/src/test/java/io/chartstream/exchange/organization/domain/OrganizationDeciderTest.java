package io.chartstream.exchange.organization.domain;

import io.chartstream.exchange.organization.domain.OrganizationEvent.OrganizationRegistered;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrganizationDeciderTest {

    private static final String HOOK = "https://ehr.stmarys.example/chartstream";
    private static final String SECRET = "sixteen-chars-ok";

    private static Organization given(OrganizationRegistered... history) {
        Organization state = Organization.none("st-marys-hospital");
        for (OrganizationRegistered e : history) {
            state = OrganizationDecider.INSTANCE.evolve(state, e);
        }
        return state;
    }

    @Test
    void newOrganizationIsRegisteredWithItsWebhookButNotItsSecret() {
        var events = OrganizationDecider.INSTANCE.decide(
                new RegisterOrganization("st-marys-hospital", " St. Mary's ", HOOK, SECRET), given());
        assertEquals(List.of(new OrganizationRegistered("st-marys-hospital", "St. Mary's", HOOK)), events);
    }

    @Test
    void facilitiesAreRegisteredWithTheOrganization() {
        var events = OrganizationDecider.INSTANCE.decide(
                new RegisterOrganization("st-marys-hospital", "St. Mary's", null, null, List.of(), List.of("STMARYS")),
                given());
        assertEquals(
                List.of(new OrganizationRegistered(
                        "st-marys-hospital", "St. Mary's", null, List.of(), List.of("STMARYS"))),
                events);
        assertEquals(
                List.of("STMARYS"),
                OrganizationDecider.INSTANCE.evolve(given(), events.get(0)).facilities());
    }

    @Test
    void aFacilityThatIsNotAnHl7NamespaceIdOrIsListedTwiceIsRejected() {
        for (List<String> facilities : List.of(List.of("A|B"), List.of(" "), List.of("X", "X"))) {
            var rejected = assertThrows(
                    RegistrationRejected.class,
                    () -> OrganizationDecider.INSTANCE.decide(
                            new RegisterOrganization(
                                    "st-marys-hospital", "St. Mary's", null, null, List.of(), facilities),
                            given()),
                    facilities.toString());
            assertEquals(RegistrationRejected.Reason.INVALID, rejected.reason());
        }
    }

    @Test
    void registeringAgainWithTheSameDetailsChangesNothing() {
        var state = given(new OrganizationRegistered("st-marys-hospital", "St. Mary's", HOOK));
        assertEquals(1, state.version());
        assertEquals(
                List.of(),
                OrganizationDecider.INSTANCE.decide(
                        new RegisterOrganization("st-marys-hospital", "St. Mary's", HOOK, SECRET), state));
    }

    @Test
    void registeringATakenIdWithOtherDetailsIsRejected() {
        var state = given(new OrganizationRegistered("st-marys-hospital", "St. Mary's", HOOK));
        var rejected = assertThrows(
                RegistrationRejected.class,
                () -> OrganizationDecider.INSTANCE.decide(
                        new RegisterOrganization("st-marys-hospital", "Other", null, null), state));
        assertEquals(RegistrationRejected.Reason.ALREADY_REGISTERED, rejected.reason());
    }

    @Test
    void idThatCannotBePartOfATopicNameIsRejected() {
        for (String id : new String[] {null, "", "A", "St Marys", "st_marys", "-leading", "x".repeat(64)}) {
            var rejected = assertThrows(
                    RegistrationRejected.class,
                    () -> OrganizationDecider.INSTANCE.decide(
                            new RegisterOrganization(id, "Name", null, null), Organization.none("x")),
                    String.valueOf(id));
            assertEquals(RegistrationRejected.Reason.INVALID, rejected.reason());
        }
    }

    @Test
    void webhookNeedsAnHttpUrlAndASecretOfSixteenCharacters() {
        var none = Organization.none("lab");
        assertThrows(
                RegistrationRejected.class,
                () -> OrganizationDecider.INSTANCE.decide(
                        new RegisterOrganization("lab", "Lab", "ftp://x/y", SECRET), none));
        assertThrows(
                RegistrationRejected.class,
                () -> OrganizationDecider.INSTANCE.decide(
                        new RegisterOrganization("lab", "Lab", "not a url", SECRET), none));
        assertThrows(
                RegistrationRejected.class,
                () -> OrganizationDecider.INSTANCE.decide(new RegisterOrganization("lab", "Lab", HOOK, "short"), none));
        assertThrows(
                RegistrationRejected.class,
                () -> OrganizationDecider.INSTANCE.decide(new RegisterOrganization("lab", "Lab", null, SECRET), none));
        assertThrows(
                RegistrationRejected.class,
                () -> OrganizationDecider.INSTANCE.decide(new RegisterOrganization("lab", " ", null, null), none));
    }
}
