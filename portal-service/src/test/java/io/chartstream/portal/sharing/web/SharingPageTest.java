package io.chartstream.portal.sharing.web;

import io.chartstream.portal.sharing.domain.SensitiveCategory;
import io.chartstream.portal.sharing.domain.Sharing;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sharing page without an exchange (tests have none; the page against the launched exchange,
 * in a real browser, is system-tests' PortalBrowserSystemTest): who may open it, what it says when
 * the exchange does not answer, the cross-site refusal, and what it renders from a given sharing.
 */
@QuarkusTest
class SharingPageTest {

    private static final Instant SINCE = Instant.parse("2026-11-30T09:15:00Z");

    @Test
    void whenTheExchangeDoesNotAnswerThePageSaysSoWith503() {
        given().auth()
                .oauth2(TestTokens.patient("alice", UUID.randomUUID().toString()))
                .get("/sharing")
                .then()
                .statusCode(503)
                .header("Cache-Control", "no-store")
                .body(containsString("id=\"sharing-problem\""))
                .body(containsString("The exchange is not answering"));
    }

    @Test
    void aClinicianIsRefusedWithAPageThatSaysWhy() {
        given().auth()
                .oauth2(TestTokens.clinician("dr.chen", "riverside-clinic"))
                .get("/sharing")
                .then()
                .statusCode(403)
                .body(containsString("This page is for patients"));
    }

    @Test
    void withoutASignInThereIsNoPage() {
        given().get("/sharing").then().statusCode(401);
    }

    @Test
    void aChoicePostedFromAnotherSiteIsRefusedBeforeAnythingIsSent() {
        given().auth()
                .oauth2(TestTokens.patient("alice", UUID.randomUUID().toString()))
                .header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .formParam("sharing", "opt-out")
                .post("/sharing")
                .then()
                .statusCode(403)
                .body(containsString("did not come from the portal"));
    }

    @Test
    void thePageShowsEachRelationshipWithItsBasisTheGlassSessionsAndTheChoicesInForce() {
        Sharing sharing = new Sharing(
                UUID.randomUUID(),
                new Sharing.Choices(false, List.of("northside-pediatrics"), List.of("PSY"), List.of()),
                List.of(
                        relationship("riverside-clinic", "identifier", "urn:riverside:mrn|MRN-1001", null, true),
                        relationship("county-er", Sharing.EMERGENCY_ACCESS, "unconscious in the ED", "dr.novak", true),
                        relationship("st-marys-hospital", "identifier", "urn:st-marys:mrn|SM-7", null, false)),
                List.of(
                        new Sharing.OrganizationName("northside-pediatrics", "Northside <Pediatrics>"),
                        new Sharing.OrganizationName("riverside-clinic", "Riverside Clinic")),
                null);

        String page = SharingPages.sharing(sharing, SensitiveCategory.values(), true, null, "alice")
                .render();

        assertTrue(page.contains("<tr data-organization=\"riverside-clinic\" data-basis=\"identifier\">"), page);
        assertTrue(page.contains("Registered you (holds your record number MRN-1001)"), page);
        assertTrue(page.contains("2026-11-30 09:15 UTC"), page);
        assertTrue(page.contains("<tr data-organization=\"county-er\" data-active=\"true\">"), page);
        assertTrue(page.contains("unconscious in the ED"), page);
        assertTrue(page.contains("<tr data-organization=\"st-marys-hospital\" data-end-reason=\"blocked\">"), page);
        assertTrue(page.contains("You blocked the organization"), page);
        assertTrue(page.contains("id=\"block-northside-pediatrics\" checked"), page);
        assertTrue(page.contains("id=\"withhold-PSY\" checked"), page);
        assertFalse(page.contains("id=\"withhold-HIV\" checked"), page);
        assertTrue(page.contains("Northside &lt;Pediatrics&gt;"), "names are escaped");
        assertTrue(page.contains("id=\"saved\""), page);
        assertFalse(page.contains("id=\"merged-record\""), "one person's record: no word of a merge");
    }

    @Test
    void aMergedRecordSaysTheChoicesShownAreTheStrictestOfItsPersons() {
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        Sharing sharing = new Sharing(
                merged,
                new Sharing.Choices(false, List.of("riverside-clinic"), List.of(), List.of()),
                List.of(
                        relationship("riverside-clinic", "identifier", "urn:riverside:mrn|MRN-1001", null, false),
                        relationship("st-marys-hospital", "identifier", "urn:st-marys:mrn|SM-7", null, true)),
                List.of(new Sharing.OrganizationName("riverside-clinic", "Riverside Clinic")),
                List.of(survivor, merged));

        String page = SharingPages.sharing(sharing, SensitiveCategory.values(), false, null, "alice")
                .render();

        assertTrue(page.contains("<p class=\"notice\" id=\"merged-record\" data-persons=\"2\">"), page);
        assertTrue(page.contains("the strictest of the choices"), page);
        assertTrue(page.contains("<tr data-organization=\"st-marys-hospital\" data-basis=\"identifier\">"), page);
        assertTrue(page.contains("id=\"block-riverside-clinic\" checked"), page);
    }

    private static Sharing.Relationship relationship(
            String org, String basis, String detail, String actor, boolean active) {
        return new Sharing.Relationship(
                org,
                org,
                basis,
                detail,
                actor,
                SINCE,
                basis.equals(Sharing.EMERGENCY_ACCESS) ? SINCE.plusSeconds(4 * 3600) : null,
                active ? null : SINCE.plusSeconds(3600),
                active ? null : "blocked",
                active);
    }
}
