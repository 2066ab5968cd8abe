package io.chartstream.portal.record;

import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The server-rendered pages. Tests have no Keycloak, so they sign in with a bearer token, which
 * the portal accepts on any path; the browser's code flow is covered by the system tests.
 */
@QuarkusTest
class RecordPageTest {

    @Test
    void theRecordPageShowsTheGlucoseValueAndUnitInTheObservationsTable() {
        UUID alice = UUID.randomUUID();
        PublishedEvents.patientRegistered(
                alice,
                "riverside-clinic",
                "urn:riverside:mrn",
                "MRN-1001",
                Fhir.patient("Alice", "Walker", "1984-02-11", AdministrativeGender.FEMALE));
        UUID entry = PublishedEvents.recorded(
                ClinicalContracts.OBSERVATION_RECORDED.typeName(), alice, "riverside-clinic", Fhir.glucose("95"));
        PublishedEvents.recorded(
                ClinicalContracts.MEDICATION_REQUEST_RECORDED.typeName(),
                alice,
                "riverside-clinic",
                Fhir.medication("860975", "Metformin 500 MG Oral Tablet", "1 tablet twice daily"));
        PublishedEvents.recorded(
                ClinicalContracts.ALLERGY_INTOLERANCE_RECORDED.typeName(),
                alice,
                "riverside-clinic",
                Fhir.allergy("7980", "Penicillin G", "Hives", "severe"));
        PublishedEvents.recorded(
                ClinicalContracts.CONDITION_RECORDED.typeName(),
                alice,
                "riverside-clinic",
                Fhir.condition("44054006", "Diabetes mellitus type 2"));
        Eventually.assertThat(
                () -> page(alice).body(containsString("id=\"allergies\"")).body(containsString("id=\"medications\"")));

        page(alice)
                .header("Content-Type", containsString("text/html"))
                .header("Cache-Control", "no-store")
                .body(containsString("<table id=\"observations\">"))
                .body(containsString("<tr data-code=\"2339-0\" data-entry-id=\"" + entry + "\">"))
                .body(containsString("<span class=\"value\">95</span> <span class=\"unit\">mg/dL</span>"))
                .body(containsString("Glucose [Mass/volume] in Blood"))
                .body(containsString("2026-03-01 08:30"))
                .body(containsString("<dd data-field=\"name\">Alice Walker</dd>"))
                .body(containsString("MRN-1001"))
                .body(containsString("Diabetes mellitus type 2"))
                .body(containsString("1 tablet twice daily"))
                .body(containsString("Hives (severe)"))
                .body(containsString("Signed in as <strong id=\"user-name\">alice</strong>"))
                .body(not(containsString("id=\"empty-record\"")));
    }

    @Test
    void aHospitalStayIsListedWithItsStatusPlaceAndTimes() {
        UUID person = UUID.randomUUID();
        UUID stay = PublishedEvents.recorded(
                ClinicalContracts.ENTRY_RECORDED.typeName(),
                person,
                "st-marys-hospital",
                Fhir.inpatientStay("2026-12-05T08:30:00Z", "4W room 412"));

        Eventually.assertThat(() -> page(person).body(containsString("<table id=\"visits\">")));
        page(person)
                .body(containsString("<tr data-entry-id=\"" + stay + "\" data-status=\"in-progress\">"))
                .body(containsString("Inpatient encounter"))
                .body(containsString("In progress"))
                .body(containsString("2026-12-05 08:30"))
                .body(containsString("<span class=\"muted\">ongoing</span>"))
                .body(containsString("4W room 412"))
                .body(containsString("st-marys-hospital"))
                .body(not(containsString("id=\"visits-empty\"")));
    }

    @Test
    void contentFromTheRecordIsEscaped() {
        UUID person = UUID.randomUUID();
        PublishedEvents.patientRegistered(
                person,
                "riverside-clinic",
                "urn:riverside:mrn",
                "<b>X</b>",
                Fhir.patient("<script>alert(1)</script>", "O'Brien & Sons", "1984-02-11", AdministrativeGender.MALE));
        Eventually.assertThat(() -> page(person).body(containsString("data-field=\"name\"")));

        page(person)
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien &amp; Sons"))
                .body(containsString("&lt;b&gt;X&lt;/b&gt;"))
                .body(not(containsString("<script>")));
    }

    @Test
    void aPersonWithNothingSharedSeesAFriendlyEmptyState() {
        page(UUID.randomUUID())
                .body(containsString("id=\"empty-record\""))
                .body(containsString("Nothing has been shared yet"))
                .body(not(containsString("<table")));
    }

    @Test
    void aClinicianGetsAForbiddenPageThatSaysWhy() {
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .when()
                .get("/record")
                .then()
                .statusCode(403)
                .header("Content-Type", containsString("text/html"))
                .body(containsString("id=\"forbidden\""))
                .body(containsString("not a patient account"))
                .body(containsString("dr.rivera"));
    }

    @Test
    void aPatientWithoutPersonIdGetsAForbiddenPageThatSaysWhy() {
        given().auth()
                .oauth2(TestTokens.withRoles("unlinked", "patient"))
                .when()
                .get("/record")
                .then()
                .statusCode(403)
                .header("Content-Type", containsString("text/html"))
                .body(containsString("not linked to a health record"));
    }

    @Test
    void theRecordPageWithoutASignInIsRefused() {
        // in tests both tenants verify bearer tokens only; with Keycloak a browser is redirected to sign in
        given().redirects().follow(false).when().get("/record").then().statusCode(401);
    }

    @Test
    void theLandingPageOffersASignInLinkToTheRecord() {
        given().when()
                .get("/")
                .then()
                .statusCode(200)
                .header("Content-Type", containsString("text/html"))
                .header("X-Frame-Options", "DENY")
                .body(containsString("<a id=\"sign-in\" class=\"button\" href=\"/record\">Sign in</a>"))
                .body(containsString("<link rel=\"stylesheet\" href=\"/css/portal.css\">"));
        given().auth()
                .oauth2(TestTokens.patient("alice", UUID.randomUUID().toString()))
                .when()
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("id=\"open-record\""))
                .body(containsString("id=\"sign-out\""));
    }

    @Test
    void logoutWithoutASessionGoesBackToTheStart() {
        given().redirects()
                .follow(false)
                .when()
                .get("/logout")
                .then()
                .statusCode(303)
                .header("Location", containsString("/"));
    }

    @Test
    void theStylesheetIsServed() {
        given().when().get("/css/portal.css").then().statusCode(200).body(containsString("font-family"));
    }

    private static io.restassured.response.ValidatableResponse page(UUID personId) {
        return given().auth()
                .oauth2(TestTokens.patient("alice", personId.toString()))
                .when()
                .get("/record")
                .then()
                .statusCode(200);
    }
}
