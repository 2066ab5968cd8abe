package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.clinical.support.ClinicalEventsTopic;
import io.chartstream.clinical.support.ClinicalEventsTopic.Published;
import io.chartstream.clinical.support.Persons;
import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.chartstream.clinical.support.Gateway.asGateway;
import static io.chartstream.clinical.support.Gateway.asGatewayFor;
import static io.chartstream.testsupport.FhirSamples.glucose;
import static io.chartstream.testsupport.FhirSamples.json;
import static io.chartstream.testsupport.FhirSamples.parse;
import static io.chartstream.testsupport.FhirSamples.penicillinAllergy;
import static io.chartstream.testsupport.FhirSamples.type2Diabetes;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DELETE withdraws an entry as entered in error: an event, a 410 on read, out of searches. */
@QuarkusTest
class ClinicalEntryEnteredInErrorTest {

    @Inject
    KnownPersons knownPersons;

    @Test
    void deletingAnEntryPublishesEntryEnteredInErrorAndReadsAsGone() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = record(person, json(glucose(person, 95)), "Observation");

        Response deleted = asGateway().delete("/fhir/Observation/" + id);

        deleted.then()
                .statusCode(200)
                .header("ETag", "W/\"2\"")
                .header("X-ChartStream-Position", matchesPattern("clinical-service/[0-9]+"));
        Observation marked = parse(Observation.class, deleted.asString());
        assertEquals(Observation.ObservationStatus.ENTEREDINERROR, marked.getStatus());
        assertEquals("2", marked.getMeta().getVersionId());
        assertEquals(95.0, marked.getValueQuantity().getValue().doubleValue());

        Published event = ClinicalEventsTopic.awaitEvent(id, 2);
        assertEquals(ClinicalContracts.ENTRY_ENTERED_IN_ERROR.typeName(), event.header(CloudEventHeaders.TYPE));
        assertEquals(person.toString(), event.key());
        assertEquals("riverside-clinic", event.data().get("organization").asText());
        assertEquals("entered-in-error", event.data().at("/resource/status").asText());

        asGateway().get("/fhir/Observation/" + id).then().statusCode(410).body(containsString("entered in error"));
        asGateway().get("/fhir/Observation/" + id + "/_history/1").then().statusCode(200);
    }

    @Test
    void searchNoLongerListsADeletedEntry() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String kept = record(person, json(glucose(person, 95)), "Observation");
        String deleted = record(person, json(glucose(person, 300)), "Observation");

        asGateway().delete("/fhir/Observation/" + deleted).then().statusCode(200);

        Bundle bundle = parse(
                Bundle.class,
                asGateway()
                        .queryParam("patient", person.toString())
                        .get("/fhir/Observation")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertEquals(1, bundle.getTotal());
        assertEquals(
                kept, bundle.getEntryFirstRep().getResource().getIdElement().getIdPart());
    }

    @Test
    void aSecondDeleteSucceedsAndWritesNothing() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = record(person, json(glucose(person, 95)), "Observation");
        asGateway().delete("/fhir/Observation/" + id).then().statusCode(200);

        asGateway()
                .delete("/fhir/Observation/" + id)
                .then()
                .statusCode(200)
                .header("ETag", "W/\"2\"")
                .header("X-ChartStream-Position", nullValue());

        ClinicalEventsTopic.awaitEvent(id, 2);
        assertEquals(2, ClinicalEventsTopic.eventsOf(id, Duration.ofSeconds(2)).size());
    }

    @Test
    void onlyTheRecordingOrganizationMayDelete() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = record(person, json(glucose(person, 95)), "Observation");

        asGatewayFor("st-marys-hospital")
                .delete("/fhir/Observation/" + id)
                .then()
                .statusCode(403)
                .body(containsString("riverside-clinic"));
        asGateway().get("/fhir/Observation/" + id).then().statusCode(200).header("ETag", "W/\"1\"");
    }

    @Test
    void ifMatchWhenSentMustNameTheCurrentVersion() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = record(person, json(glucose(person, 95)), "Observation");

        asGateway()
                .header("If-Match", "W/\"7\"")
                .delete("/fhir/Observation/" + id)
                .then()
                .statusCode(412);
        asGateway()
                .header("If-Match", "W/\"1\"")
                .delete("/fhir/Observation/" + id)
                .then()
                .statusCode(200);
    }

    @Test
    void amendingADeletedEntryIsGoneAndAnUnknownOneIsNotFound() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = record(person, json(glucose(person, 95)), "Observation");
        asGateway().delete("/fhir/Observation/" + id).then().statusCode(200);

        asGateway()
                .header("If-Match", "W/\"2\"")
                .body(json(glucose(person, 98)))
                .put("/fhir/Observation/" + id)
                .then()
                .statusCode(410);
        asGateway().delete("/fhir/Observation/" + UUID.randomUUID()).then().statusCode(404);
        asGateway().delete("/fhir/Condition/" + id).then().statusCode(404);
    }

    @Test
    void conditionsAndAllergiesAreMarkedInTheirVerificationStatus() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String condition = record(person, json(type2Diabetes(person)), "Condition");
        String allergy = record(person, json(penicillinAllergy(person)), "AllergyIntolerance");

        Condition c = parse(
                Condition.class,
                asGateway()
                        .delete("/fhir/Condition/" + condition)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        AllergyIntolerance a = parse(
                AllergyIntolerance.class,
                asGateway()
                        .delete("/fhir/AllergyIntolerance/" + allergy)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());

        assertEquals(
                "entered-in-error",
                c.getVerificationStatus().getCodingFirstRep().getCode());
        assertEquals(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                c.getVerificationStatus().getCodingFirstRep().getSystem());
        assertFalse(c.hasClinicalStatus(), "FHIR forbids a clinicalStatus on an entered-in-error Condition");
        assertEquals(
                "entered-in-error",
                a.getVerificationStatus().getCodingFirstRep().getCode());
        assertFalse(a.hasClinicalStatus());
        assertTrue(a.hasCode(), "the rest of the entry is kept");
    }

    private static String record(UUID person, String body, String type) {
        String location = asGateway()
                .body(body)
                .post("/fhir/" + type)
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        return location.split("/")[1]; // Type/<id>/_history/1
    }
}
