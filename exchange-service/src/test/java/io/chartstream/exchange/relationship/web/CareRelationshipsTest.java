package io.chartstream.exchange.relationship.web;

import io.chartstream.contracts.Topics;
import io.chartstream.contracts.clinical.SecurityLabels;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.exchange.support.GatewayCalls.Setup;
import io.chartstream.exchange.support.PrivacyOffice;
import io.chartstream.fhir.consent.PrivacyConsents;
import io.chartstream.fhir.consent.SharingChoices;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.TestTokens;
import io.chartstream.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

import static io.chartstream.exchange.support.AuditSearch.audit;
import static io.chartstream.exchange.support.GatewayCalls.FHIR_JSON;
import static io.chartstream.exchange.support.GatewayCalls.consent;
import static io.chartstream.exchange.support.GatewayCalls.encode;
import static io.chartstream.exchange.support.GatewayCalls.everything;
import static io.chartstream.exchange.support.GatewayCalls.operation;
import static io.chartstream.exchange.support.GatewayCalls.org;
import static io.chartstream.exchange.support.GatewayCalls.personWithAnObservation;
import static io.chartstream.exchange.support.GatewayCalls.reason;
import static io.chartstream.exchange.support.RecordEvents.identifierLinked;
import static io.chartstream.exchange.support.RecordEvents.labelledObservationRecorded;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may see a record, end to end on real PostgreSQL and Kafka: attestation, break-the-glass
 * with its expiry and privacy alert, the patient's consent (withheld categories, blocks), and
 * writes that need a relationship.
 */
@QuarkusTest
class CareRelationshipsTest {

    @Test
    void anOrganizationWithoutARelationshipGainsTheViewByAttestingATreatmentRelationship() {
        Setup s = personWithAnObservation();
        String northside = org("northside");
        everything(northside, s.person(), null).statusCode(404);

        String position = operation(northside, s.person(), "$attest-treatment", reason("referred for asthma"))
                .statusCode(200)
                .header("X-ChartStream-Position", startsWith("exchange-service/"))
                .body("parameter.find { it.name == 'basis' }.valueString", equalTo("treatment-attestation"))
                .extract()
                .header("X-ChartStream-Position");

        everything(northside, s.person(), position)
                .statusCode(200)
                .body("entry.resource.id", hasItem(s.entry().toString()));
        var attested = TopicReader.await(
                Topics.EXCHANGE_EVENTS,
                TopicReader.ofType(ExchangeContracts.TREATMENT_ATTESTED.typeName())
                        .and(TopicReader.about(s.person().toString())),
                1,
                Duration.ofSeconds(10));
        assertEquals(1, attested.size());
        assertTrue(TopicReader.value(attested.get(0)).contains("referred for asthma"));
    }

    @Test
    void anAttestationWithoutAReasonIsRefusedAndOpensNothing() {
        Setup s = personWithAnObservation();
        String northside = org("northside");

        operation(northside, s.person(), "$attest-treatment", new Parameters())
                .statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("needs a reason"));
        everything(northside, s.person(), null).statusCode(404);
    }

    @Test
    void attestingForAPersonNobodyKnowsGetsTheAnswerOfAnyUnknownPerson() {
        operation(org("northside"), UUID.randomUUID(), "$attest-treatment", reason("follow-up"))
                .statusCode(404)
                .body("issue[0].code", equalTo("not-found"));
    }

    @Test
    void breakingTheGlassOpensTheRecordButNotPart2AlertsThePrivacyOfficeAndEndsOnTime() {
        Setup s = personWithAnObservation();
        UUID part2 = UUID.randomUUID();
        String recorded = publish(labelledObservationRecorded(
                s.person(), s.clinic(), part2, 1.0, SecurityLabels.SUBSTANCE_USE, SecurityLabels.PART_2));
        everything(s.clinic(), s.person(), recorded).statusCode(200);
        String er = org("er");

        given().auth()
                .oauth2(TestTokens.orgSystem(er))
                .contentType(FHIR_JSON)
                .body(encode(reason("a system cannot")))
                .post("/fhir/Patient/{id}/$break-the-glass", s.person())
                .then()
                .statusCode(403);
        String position = operation(er, s.person(), "$break-the-glass", reason("unconscious in the ED"))
                .statusCode(200)
                .body("parameter.find { it.name == 'basis' }.valueString", equalTo("emergency-access"))
                .extract()
                .header("X-ChartStream-Position");

        everything(er, s.person(), position)
                .statusCode(200)
                .body("entry.resource.id", hasItem(s.entry().toString()))
                .body("entry.resource.id", not(hasItem(part2.toString())));
        Eventually.assertThat(() -> assertTrue(
                PrivacyOffice.ALERTS.stream()
                        .anyMatch(a -> a.contains(s.person().toString())
                                && a.contains(ExchangeContracts.EMERGENCY_ACCESS_GRANTED.typeName())),
                PrivacyOffice.ALERTS.toString()));
        // the read inside the broken glass is disclosed under emergency treatment (ETREAT)
        audit("patient=" + s.person() + "&agent=" + er + "&subtype=operation")
                .body("total", equalTo(1))
                .body("entry[0].resource.agent[0].purposeOfUse[0].coding[0].code", equalTo("ETREAT"))
                .body("entry[0].resource.entity.what.reference", hasItem("Observation/" + s.entry()));

        // PrivacyOffice sets emergency access to 6 s: then the reads stop and the end is an event
        Eventually.assertThat(
                Duration.ofSeconds(20), () -> everything(er, s.person(), null).statusCode(404));
        var ended = TopicReader.await(
                Topics.EXCHANGE_EVENTS,
                TopicReader.ofType(ExchangeContracts.CARE_RELATIONSHIP_ENDED.typeName())
                        .and(TopicReader.about(s.person().toString())),
                1,
                Duration.ofSeconds(20));
        assertEquals(1, ended.size());
        assertTrue(TopicReader.value(ended.get(0)).contains("\"expired\""));
        var removed = TopicReader.await(
                Topics.feedOf(er), r -> TopicReader.value(r).contains("\"removed\""), 2, Duration.ofSeconds(20));
        assertEquals(2, removed.size(), "the Patient and the observation leave the ER's view");
    }

    @Test
    void aWithheldCategoryLeavesOtherOrganizationsViewsAndComesBackWhenThePatientSharesItAgain() {
        Setup s = personWithAnObservation();
        UUID depression = UUID.randomUUID();
        String stMarys = org("st-marys");
        publish(identifierLinked(s.person(), stMarys, "SM-1"));
        String recorded = publish(
                labelledObservationRecorded(s.person(), s.clinic(), depression, 9.0, SecurityLabels.MENTAL_HEALTH));
        everything(stMarys, s.person(), recorded)
                .statusCode(200)
                .body("entry.resource.id", hasItem(depression.toString()));

        String withheld = consent(
                s.person(), new SharingChoices(false, Set.of(), Set.of(SecurityLabels.MENTAL_HEALTH), Set.of()));

        everything(stMarys, s.person(), withheld)
                .statusCode(200)
                .body("entry.resource.id", hasItem(s.entry().toString()))
                .body("entry.resource.id", not(hasItem(depression.toString())));
        everything(s.clinic(), s.person(), withheld)
                .statusCode(200)
                .body("entry.resource.id", hasItem(depression.toString()));
        var removal = TopicReader.await(
                Topics.feedOf(stMarys),
                r -> TopicReader.value(r).contains("\"removed\"")
                        && TopicReader.value(r).contains(depression.toString()),
                1,
                Duration.ofSeconds(10));
        assertEquals(1, removal.size());
        assertFalse(TopicReader.value(removal.get(0)).contains("valueQuantity"), "a removal carries no content");

        String shared = consent(s.person(), SharingChoices.DEFAULT);
        everything(stMarys, s.person(), shared)
                .statusCode(200)
                .body("entry.resource.id", hasItem(depression.toString()));
    }

    @Test
    void aBlockedOrganizationLosesTheRecordAndCannotAttestItsWayBack() {
        Setup s = personWithAnObservation();
        String stMarys = org("st-marys");
        String linked = publish(identifierLinked(s.person(), stMarys, "SM-2"));
        everything(stMarys, s.person(), linked).statusCode(200);

        String blocked = consent(s.person(), new SharingChoices(false, Set.of(stMarys), Set.of(), Set.of()));

        everything(stMarys, s.person(), blocked).statusCode(404);
        operation(stMarys, s.person(), "$attest-treatment", reason("follow-up"))
                .statusCode(403)
                .body("issue[0].diagnostics", containsString("blocked"));
        audit("patient=" + s.person() + "&agent=" + stMarys + "&outcome=4&entity=Patient/$attest-treatment")
                .body("total", equalTo(1));
        everything(s.clinic(), s.person(), blocked).statusCode(200);
        var ended = TopicReader.await(
                Topics.EXCHANGE_EVENTS,
                TopicReader.ofType(ExchangeContracts.CARE_RELATIONSHIP_ENDED.typeName())
                        .and(TopicReader.about(s.person().toString())),
                1,
                Duration.ofSeconds(10));
        assertTrue(TopicReader.value(ended.get(0)).contains("\"blocked\""));
    }

    @Test
    void aPatientRecordsConsentForTheirOwnRecordOnly() {
        Setup s = personWithAnObservation();
        given().auth()
                .oauth2(TestTokens.patient("mallory", UUID.randomUUID().toString()))
                .contentType(FHIR_JSON)
                .body(encode(PrivacyConsents.toFhir(s.person(), SharingChoices.DEFAULT, new Date())))
                .post("/fhir/Consent")
                .then()
                .statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void anOrganizationWithoutARelationshipCannotWriteToTheRecord() {
        Setup s = personWithAnObservation();
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding().setSystem("http://loinc.org").setCode("2339-0");
        o.setSubject(new Reference("Patient/" + s.person()));

        given().auth()
                .oauth2(TestTokens.clinician("dr.novak", org("northside")))
                .contentType(FHIR_JSON)
                .body(encode(o))
                .post("/fhir/Observation")
                .then()
                .statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("no active care relationship"));
        audit("patient=" + s.person() + "&outcome=4")
                .body("total", equalTo(1))
                .body("entry[0].resource.entity.what.display", hasItem("Observation/write"));
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", s.clinic()))
                .contentType(FHIR_JSON)
                .body(encode(o))
                .post("/fhir/Observation")
                .then()
                .statusCode(201);
    }
}
