package io.chartstream.exchange.relationship.web;

import io.chartstream.exchange.support.GatewayCalls.Setup;
import io.chartstream.fhir.consent.SharingChoices;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;

import static io.chartstream.exchange.support.GatewayCalls.consent;
import static io.chartstream.exchange.support.GatewayCalls.everything;
import static io.chartstream.exchange.support.GatewayCalls.operation;
import static io.chartstream.exchange.support.GatewayCalls.org;
import static io.chartstream.exchange.support.GatewayCalls.personWithAnObservation;
import static io.chartstream.exchange.support.GatewayCalls.reason;
import static io.chartstream.exchange.support.RecordEvents.identifierLinked;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
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
