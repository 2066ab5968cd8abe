package io.chartstream.exchange.read.web;

import io.chartstream.contracts.clinical.SecurityLabels;
import io.chartstream.eventsourcing.projection.ViewConsistency;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.chartstream.exchange.read.web.GatewaySearchTest.newOrg;
import static io.chartstream.exchange.read.web.GatewaySearchTest.observation;
import static io.chartstream.exchange.support.AuditSearch.audit;
import static io.chartstream.exchange.support.RecordEvents.entryAmended;
import static io.chartstream.exchange.support.RecordEvents.entryRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code _history} and vread at the gateway: the versions the caller's view may disclose, each
 * by its own labels, audited like a read.
 */
@QuarkusTest
class GatewayHistoryTest {

    @Inject
    OrgViews views;

    /** The author sees every version; an organization in care does not see the version labelled 42 CFR Part 2. */
    @Test
    void historyDisclosesEachVersionByItsOwnLabels() throws Exception {
        String author = newOrg();
        String other = newOrg();
        UUID person = UUID.randomUUID();
        settle(publish(patientRegistered(person, author, "MRN-H1")));
        settle(publish(patientRegistered(person, other, "MRN-H2")));
        UUID entry = UUID.randomUUID();
        publish(entryRecorded(person, author, observation(person, entry, "2345-7", "laboratory", "final", null)));
        Observation part2 = observation(person, entry, "2345-7", "laboratory", "amended", null);
        part2.getMeta().addSecurity(SecurityLabels.ACT_CODE_SYSTEM, SecurityLabels.PART_2, null);
        publish(entryAmended(person, author, part2, 2));
        settle(publish(entryAmended(
                person, author, observation(person, entry, "2345-7", "laboratory", "corrected", null), 3)));

        assertEquals(List.of("3", "2", "1"), versions(author, entry));
        assertEquals(List.of("3", "1"), versions(other, entry), "version 2 is withheld from the other organization");

        vread(other, entry, "1").statusCode(200).header("ETag", "W/\"1\"").body("status", equalTo("final"));
        vread(other, entry, "2")
                .statusCode(404)
                .body("issue[0].diagnostics", containsString("is not in your organization's view"))
                .body(not(containsString("amended")));
        vread(author, entry, "2").statusCode(200).header("ETag", "W/\"2\"").body("status", equalTo("amended"));
        vread(other, entry, "3").statusCode(200).body("meta.versionId", equalTo("3"));
        vread(other, entry, "4").statusCode(404);
        vread(other, entry, "zero").statusCode(400);

        audit("patient=" + person + "&agent=" + other + "&subtype=read&outcome=0")
                .body("total", equalTo(3)) // one history and two vreads served; a version withheld is not
                .body(containsString("Observation/_history"))
                .body(containsString("Observation/vread"))
                .body(containsString("Observation/" + entry + "/_history/1"));
    }

    @Test
    void patientHistoryAndTheUnknownAnswerAlike() throws Exception {
        String org = newOrg();
        UUID person = UUID.randomUUID();
        settle(publish(patientRegistered(person, org, "MRN-H3")));
        String token = TestTokens.clinician("dr.chen", org);
        given().auth()
                .oauth2(token)
                .get("/fhir/Patient/{id}/_history", person)
                .then()
                .statusCode(200)
                .body("type", equalTo("history"))
                .body("entry[0].resource.resourceType", equalTo("Patient"))
                .body("entry[0].response.etag", equalTo("W/\"1\""));
        given().auth()
                .oauth2(token)
                .get("/fhir/Patient/{id}/_history/1", person)
                .then()
                .statusCode(200)
                .body("id", equalTo(person.toString()));
        given().auth()
                .oauth2(token)
                .get("/fhir/Observation/{id}/_history", UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("issue[0].diagnostics", containsString("is not in your organization's view"));

        // outside the organization's care: the unknown id's answer, and the refusal audited
        String outsider = newOrg();
        given().auth()
                .oauth2(TestTokens.clinician("dr.novak", outsider))
                .get("/fhir/Patient/{id}/_history", person)
                .then()
                .statusCode(404)
                .body("issue[0].diagnostics", containsString("is not in your organization's view"));
        audit("patient=" + person + "&agent=" + outsider + "&outcome=4").body("total", equalTo(1));
        audit("patient=" + person + "&agent=" + outsider + "&outcome=0").body("total", equalTo(0));
    }

    private static List<String> versions(String org, UUID entry) {
        var history = given().auth()
                .oauth2(TestTokens.clinician("dr.chen", org))
                .get("/fhir/Observation/{id}/_history", entry)
                .then()
                .statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("history"))
                .extract()
                .jsonPath();
        List<String> versions = history.getList("entry.resource.meta.versionId");
        assertEquals(versions.size(), history.getInt("total"));
        assertTrue(history.getString("entry[0].fullUrl").endsWith("/fhir/Observation/" + entry));
        return versions;
    }

    private static io.restassured.response.ValidatableResponse vread(String org, UUID entry, String version) {
        return given().auth()
                .oauth2(TestTokens.clinician("dr.chen", org))
                .get("/fhir/Observation/{id}/_history/{v}", entry, version)
                .then();
    }

    private void settle(String position) throws Exception {
        assertTrue(views.awaitApplied(ViewConsistency.Position.parse(position), Duration.ofSeconds(20)), position);
    }
}
