package io.chartstream.exchange.relationship.web;

import io.chartstream.exchange.support.GatewayCalls.Setup;
import io.chartstream.fhir.consent.SharingChoices;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.chartstream.exchange.support.GatewayCalls.consent;
import static io.chartstream.exchange.support.GatewayCalls.everything;
import static io.chartstream.exchange.support.GatewayCalls.operation;
import static io.chartstream.exchange.support.GatewayCalls.org;
import static io.chartstream.exchange.support.GatewayCalls.personWithAnObservation;
import static io.chartstream.exchange.support.GatewayCalls.reason;
import static io.chartstream.exchange.support.RecordEvents.identifierLinked;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.personsMerged;
import static io.chartstream.exchange.support.RecordEvents.personsUnmerged;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** What the portal's sharing page shows: who can see a record, on what basis, since when, and the choices in force. */
@QuarkusTest
class SharingResourceTest {

    @Test
    void thePatientSeesEveryRelationshipWithItsBasisAndEndAndTheirChoices() {
        Setup s = personWithAnObservation();
        String northside = org("northside");
        String stMarys = org("st-marys");
        String er = org("county-er");
        everything(stMarys, s.person(), publish(identifierLinked(s.person(), stMarys, "SM-9")))
                .statusCode(200);
        operation(northside, s.person(), "$attest-treatment", reason("referred for asthma"))
                .statusCode(200);
        operation(er, s.person(), "$break-the-glass", reason("unconscious in the ED"))
                .statusCode(200);
        String blocked = consent(s.person(), new SharingChoices(false, Set.of(stMarys), Set.of("PSY"), Set.of()));

        ValidatableResponse sharing = sharing(
                        TestTokens.patient("alice", s.person().toString()), s.person(), blocked)
                .statusCode(200)
                .body("personId", equalTo(s.person().toString()))
                .body("choices.optOut", equalTo(false))
                .body("choices.blockedOrganizations", contains(stMarys))
                .body("choices.withheldCategories", contains("PSY"));
        sharing.body(relationship(s.clinic()) + ".basis", equalTo("identifier"))
                .body(relationship(s.clinic()) + ".active", equalTo(true))
                .body(relationship(s.clinic()) + ".since", notNullValue())
                .body(relationship(s.clinic()) + ".endedAt", nullValue());
        sharing.body(relationship(northside) + ".basis", equalTo("treatment-attestation"))
                .body(relationship(northside) + ".detail", equalTo("referred for asthma"))
                .body(relationship(northside) + ".actor", equalTo("dr.x"))
                .body(relationship(northside) + ".until", notNullValue());
        sharing.body(relationship(er) + ".basis", equalTo("emergency-access"))
                .body(relationship(er) + ".detail", equalTo("unconscious in the ED"))
                .body(relationship(er) + ".active", equalTo(true));
        sharing.body(relationship(stMarys) + ".active", equalTo(false))
                .body(relationship(stMarys) + ".endReason", equalTo("blocked"));
    }

    @Test
    void aPatientSeesOnlyTheirOwnAndAClinicianNone() {
        Setup s = personWithAnObservation();
        sharing(TestTokens.patient("mallory", UUID.randomUUID().toString()), s.person(), null)
                .statusCode(403)
                .body("issue[0].diagnostics", containsString("own record"));
        sharing(TestTokens.clinician("dr.x", s.clinic()), s.person(), null).statusCode(403);
        given().get("/sharing/{id}", s.person()).then().statusCode(401);
        sharing(TestTokens.withRoles("privacy-officer", "auditor"), s.person(), null)
                .statusCode(200)
                .body(relationship(s.clinic()) + ".basis", equalTo("identifier"));
    }

    /**
     * A patient whose token names either person of a merged group sees the group's relationships,
     * each once, and the most protective of the two consents, which the views apply; after the
     * unmerge, each their own again (decisions §27).
     */
    @Test
    void eitherPersonOfAMergedGroupSeesTheGroupsRelationshipsOnceAndTheStrictestChoices() {
        String clinic = org("riverside");
        String hospital = org("st-marys");
        String lab = org("lakeside-lab");
        UUID survivor = UUID.randomUUID();
        UUID merged = UUID.randomUUID();
        UUID merge = UUID.randomUUID();
        publish(patientRegistered(survivor, clinic, "R-7"));
        publish(patientRegistered(merged, hospital, "H-7"));
        consent(survivor, new SharingChoices(false, Set.of(), Set.of("PSY"), Set.of(clinic, hospital)));
        consent(merged, new SharingChoices(false, Set.of(lab), Set.of(), Set.of(hospital)));
        publish(personsMerged(merged, merge, survivor, merged, 2));
        String mergedAt = publish(personsMerged(survivor, merge, survivor, merged, 2));

        for (UUID person : List.of(survivor, merged)) {
            sharing(TestTokens.patient("alice", person.toString()), person, mergedAt)
                    .statusCode(200)
                    .body("personId", equalTo(person.toString()))
                    .body("group", containsInAnyOrder(survivor.toString(), merged.toString()))
                    .body("group[0]", equalTo(survivor.toString()))
                    .body("relationships.organization", containsInAnyOrder(clinic, hospital))
                    .body(relationship(clinic) + ".detail", containsString("R-7"))
                    .body(relationship(hospital) + ".detail", containsString("H-7"))
                    .body("choices.blockedOrganizations", contains(lab))
                    .body("choices.withheldCategories", contains("PSY"))
                    .body("choices.part2SharedWith", contains(hospital));
        }

        publish(personsUnmerged(merged, merge, survivor, merged, 3));
        String unmerged = publish(personsUnmerged(survivor, merge, survivor, merged, 3));

        sharing(TestTokens.patient("alice", survivor.toString()), survivor, unmerged)
                .statusCode(200)
                .body("group", contains(survivor.toString()))
                .body("relationships.organization", contains(clinic))
                .body("choices.blockedOrganizations", empty())
                .body("choices.part2SharedWith", containsInAnyOrder(clinic, hospital));
        sharing(TestTokens.patient("alice", merged.toString()), merged, null)
                .statusCode(200)
                .body("relationships.organization", contains(hospital))
                .body("choices.blockedOrganizations", contains(lab))
                .body("choices.withheldCategories", empty());
    }

    private static String relationship(String organization) {
        return "relationships.find { it.organization == '" + organization + "' }";
    }

    private static ValidatableResponse sharing(String token, UUID person, String after) {
        var request = given().auth().oauth2(token);
        if (after != null) {
            request.header("X-ChartStream-After", after);
        }
        return request.get("/sharing/{id}", person).then();
    }
}
