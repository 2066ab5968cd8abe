package io.chartstream.system;

import io.chartstream.testsupport.Eventually;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail, black box against the launched exchange: each audited channel performed for
 * real is found as an AuditEvent (right agent, organization, purpose, entity) within seconds by
 * the demo auditor; a patient reads only their own record's trail and a clinician none; the
 * launcher's verification proves the chain intact.
 */
class AuditTrailSystemTest {

    private static final String GW = RunningExchange.GATEWAY + "/fhir";
    private static String personId;

    @BeforeAll
    static void aPersonAtTheClinic() {
        RunningExchange.ensureUp();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Response registered = Fhir.post(
                Tokens.system("riverside-clinic"),
                "Patient",
                Fhir.patient(Fhir.RIVERSIDE_MRN, "RC-AU" + run, "Audit" + run, "Robin", "1975-05-06"),
                null);
        assertEquals(201, registered.statusCode(), registered.asString());
        personId = Fhir.createdId(registered);
    }

    @Test
    void aReadIsAuditedWithItsAgentOrganizationPurposeAndEntity() {
        String position = Fhir.post(Tokens.system("riverside-clinic"), "Observation", Fhir.glucose(personId, 101), null)
                .header("X-ChartStream-Position");
        given().auth()
                .oauth2(Tokens.user("dr.rivera"))
                .header("X-ChartStream-After", position)
                .get(GW + "/Patient/" + personId + "/$everything")
                .then()
                .statusCode(200);

        Eventually.assertThat(() -> audit("patient=" + personId + "&agent=dr.rivera&subtype=operation")
                .body("total", equalTo(1))
                .body("entry[0].resource.agent[0].purposeOfUse[0].coding[0].code", equalTo("TREAT"))
                .body("entry[0].resource.agent[1].who.reference", equalTo("Organization/riverside-clinic"))
                .body("entry[0].resource.entity[0].what.reference", equalTo("Patient/" + personId))
                .body("entry[0].resource.outcome", equalTo("0")));
    }

    @Test
    void theRegistrationAnswerIsAuditedAsADisclosureToTheRegisteringOrganization() {
        Eventually.assertThat(() -> audit("patient=" + personId + "&agent=riverside-clinic&subtype=create")
                .body("total", equalTo(1))
                .body("entry[0].resource.action", equalTo("C"))
                .body("entry[0].resource.entity[1].what.display", equalTo("Patient/create")));
    }

    @Test
    void aRefusedReadIsAuditedAsRefused() { // st-marys-hospital: never in this person's care
        given().auth()
                .oauth2(Tokens.system("st-marys-hospital"))
                .get(GW + "/Patient/" + personId + "/$everything")
                .then()
                .statusCode(404);

        Eventually.assertThat(() -> audit("patient=" + personId + "&agent=st-marys-hospital&outcome=4")
                .body("total", greaterThanOrEqualTo(1))
                .body("entry[0].resource.outcomeDesc", equalTo("no-care-relationship")));
    }

    @Test
    void breakingTheGlassAndEveryReadInsideItAreAuditedAsEmergencyTreatment() {
        String novak = Tokens.user("dr.novak");
        given().auth()
                .oauth2(novak)
                .contentType("application/fhir+json")
                .body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"reason\","
                        + "\"valueString\":\"collapsed in the waiting room\"}]}")
                .post(GW + "/Patient/" + personId + "/$break-the-glass")
                .then()
                .statusCode(200);
        Eventually.assertThat(() -> given().auth()
                .oauth2(novak)
                .get(GW + "/Patient/" + personId + "/$everything")
                .then()
                .statusCode(200));

        Eventually.assertThat(() -> audit("patient=" + personId + "&agent=dr.novak&subtype=break-the-glass")
                .body("total", equalTo(1))
                .body("entry[0].resource.outcomeDesc", containsString("collapsed in the waiting room")));
        Eventually.assertThat(() -> audit("patient=" + personId + "&agent=dr.novak&subtype=operation")
                .body("total", greaterThanOrEqualTo(1))
                .body("entry[0].resource.agent[0].purposeOfUse[0].coding[0].code", equalTo("ETREAT")));
    }

    @Test
    void aChangeReachingAnOrganizationsFeedAndWebhookIsAuditedForThatOrganization() {
        String alice = RunningExchange.alicePersonId();
        Response written = Fhir.post(Tokens.system("riverside-clinic"), "Observation", Fhir.glucose(alice, 99.5), null);
        assertEquals(201, written.statusCode(), written.asString());
        String observation = "Observation/" + Fhir.createdId(written);

        for (String subtype : java.util.List.of("feed-record", "webhook-notification")) {
            Eventually.assertThat(() -> audit("agent=st-marys-hospital&subtype=" + subtype + "&entity=" + observation)
                    .body("total", equalTo(1))
                    .body("entry[0].resource.entity[0].what.reference", equalTo("Patient/" + alice)));
        }
    }

    @Test
    void anEventsAnswerAndAConsentChangeAreAudited() {
        given().auth()
                .oauth2(Tokens.system("st-marys-hospital"))
                .get(GW + "/Subscription/st-marys-hospital/$events?eventsSinceNumber=1&eventsUntilNumber=3")
                .then()
                .statusCode(200);
        Eventually.assertThat(
                () -> audit("agent=st-marys-hospital&subtype=events-answer").body("total", greaterThanOrEqualTo(1)));
        // the demo recorded alice's consent (she blocks northside-pediatrics) when it loaded
        audit("patient=" + RunningExchange.alicePersonId() + "&subtype=consent-recorded")
                .body("total", greaterThanOrEqualTo(1))
                .body("entry[0].resource.outcomeDesc", containsString("northside-pediatrics"));
    }

    @Test
    void theIdentifierRelationshipStartIsAudited() {
        Eventually.assertThat(
                () -> audit("patient=" + personId + "&agent=riverside-clinic&subtype=relationship-started")
                        .body("total", equalTo(1))
                        .body("entry[0].resource.outcomeDesc", equalTo("basis identifier")));
    }

    @Test
    void readsByIdSearchesAConditionalCreateMatchAndARelationshipEndAreAudited() {
        String clinic = Tokens.system("riverside-clinic");
        Response observation = Fhir.post(clinic, "Observation", Fhir.glucose(personId, 104), null);
        String observationId = Fhir.createdId(observation);
        String after = observation.header("X-ChartStream-Position");
        given().auth()
                .oauth2(clinic)
                .header("X-ChartStream-After", after)
                .get(GW + "/Observation/" + observationId)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(clinic)
                .get(GW + "/Observation?patient=" + personId)
                .then()
                .statusCode(200);
        Response match = given().auth()
                .oauth2(clinic)
                .contentType("application/fhir+json")
                .header("If-None-Exist", "identifier=" + Fhir.RIVERSIDE_MRN + "|RC-AU-MATCH-" + personId)
                .body(Fhir.json(
                        Fhir.patient(Fhir.RIVERSIDE_MRN, "RC-AU-MATCH-" + personId, "Match", "Mia", "1990-01-02")))
                .post(GW + "/Patient");
        String matched = Fhir.createdId(match);
        assertEquals(201, match.statusCode(), match.asString());
        Eventually.assertThat(() -> given().auth() // the clinic ends its relationship with that new person
                .oauth2(clinic)
                .contentType("application/fhir+json")
                .body("{\"resourceType\":\"Parameters\"}")
                .post(GW + "/Patient/" + matched + "/$end-relationship")
                .then()
                .statusCode(200));

        Eventually.assertThat(() -> audit("patient=" + personId + "&agent=riverside-clinic&subtype=read")
                .body("total", greaterThanOrEqualTo(1))
                .body("entry[0].resource.entity[1].what.display", equalTo("Observation/read")));
        Eventually.assertThat(() -> audit("patient=" + personId + "&agent=riverside-clinic&subtype=search-type")
                .body("total", greaterThanOrEqualTo(1)));
        Eventually.assertThat(() -> audit("patient=" + matched + "&agent=riverside-clinic&subtype=create")
                .body("total", equalTo(1))
                .body("entry[0].resource.entity[1].what.display", equalTo("Patient?conditional-create")));
        Eventually.assertThat(() -> audit("patient=" + matched + "&agent=riverside-clinic&subtype=relationship-ended")
                .body("total", greaterThanOrEqualTo(1))
                .body("entry[0].resource.outcomeDesc", equalTo("revoked")));
        // the demo's organizations were registered when the exchange started
        audit("type=admin&subtype=organization-registered&entity=Organization/st-marys-hospital")
                .body("total", greaterThanOrEqualTo(1));
    }

    @Test
    void aPatientReadsOnlyTheirOwnTrailAndAClinicianNone() {
        String alice = RunningExchange.alicePersonId();
        given().auth()
                .oauth2(Tokens.user("alice"))
                .get(GW + "/AuditEvent?patient=" + personId)
                .then()
                .statusCode(403);
        Eventually.assertThat(() -> given().auth()
                .oauth2(Tokens.user("alice"))
                .get(GW + "/AuditEvent")
                .then()
                .statusCode(200)
                .body(
                        "entry.resource.collect { it.entity[0].what.reference }.unique()",
                        equalTo(java.util.List.of("Patient/" + alice))));
        given().auth()
                .oauth2(Tokens.user("dr.chen"))
                .get(GW + "/AuditEvent?patient=" + alice)
                .then()
                .statusCode(403);
    }

    @Test
    void theLaunchersVerificationProvesTheChainIntact() {
        String out = RunningExchange.shell("./chartstream audit-verify");
        assertTrue(out.contains("audit trail intact") && out.contains("\"intact\":true"), out);
    }

    private static ValidatableResponse audit(String query) {
        return given().auth()
                .oauth2(Tokens.user("audrey"))
                .get(GW + "/AuditEvent?" + query)
                .then()
                .statusCode(200);
    }
}
