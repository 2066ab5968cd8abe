package io.chartstream.portal.sharing.web;

import io.chartstream.portal.sharing.domain.Disclosure;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Who saw my record" without an exchange (the page against the launched exchange, in a real
 * browser, is system-tests' PortalBrowserSystemTest): who may open it, the exchange down, and
 * what it renders from given audit lines.
 */
@QuarkusTest
class DisclosuresPageTest {

    private static final Instant AT = Instant.parse("2026-12-05T09:30:00Z");

    @Test
    void whenTheExchangeDoesNotAnswerThePageSaysSoWith503() {
        given().auth()
                .oauth2(TestTokens.patient("alice", UUID.randomUUID().toString()))
                .get("/disclosures")
                .then()
                .statusCode(503)
                .header("Cache-Control", "no-store")
                .body(containsString("The exchange is not answering"));
    }

    @Test
    void aClinicianIsRefused() {
        given().auth()
                .oauth2(TestTokens.clinician("dr.chen", "st-marys-hospital"))
                .get("/disclosures")
                .then()
                .statusCode(403)
                .body(containsString("This page is for patients"));
    }

    @Test
    void eachLineSaysWhoWhenWhatAndWhyAndBreakTheGlassIsMarked() {
        List<Disclosure> lines = List.of(
                new Disclosure(
                        7,
                        AT,
                        "dr.novak",
                        "northside-pediatrics",
                        "operation",
                        List.of("Patient/$everything"),
                        "ETREAT",
                        false,
                        null),
                new Disclosure(
                        6,
                        AT,
                        "dr.chen",
                        "st-marys-hospital",
                        "read",
                        List.of("Observation/read"),
                        "TREAT",
                        false,
                        null),
                new Disclosure(
                        5,
                        AT,
                        "mallory",
                        "evil-clinic",
                        "search-type",
                        List.of("Observation?patient"),
                        null,
                        true,
                        "no-care-relationship"));

        String page = SharingPages.disclosures(lines, "alice").render();

        assertTrue(
                page.contains("data-sequence=\"7\" data-organization=\"northside-pediatrics\" data-kind=\"operation\""
                        + " data-break-the-glass=\"true\""),
                page);
        assertTrue(page.contains("Opened your whole record"), page);
        assertTrue(page.contains("Emergency access</strong>"), page);
        assertTrue(page.contains("Emergency treatment"), page);
        assertTrue(page.contains("Read Observation"), page);
        assertTrue(page.contains("Searched your Observation — refused"), page);
        assertTrue(page.contains("2026-12-05 09:30 UTC"), page);
    }
}
