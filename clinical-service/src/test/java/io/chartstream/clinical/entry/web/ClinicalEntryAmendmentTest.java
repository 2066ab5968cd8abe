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
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.chartstream.clinical.support.Gateway.asGateway;
import static io.chartstream.clinical.support.Gateway.asGatewayFor;
import static io.chartstream.testsupport.FhirSamples.glucose;
import static io.chartstream.testsupport.FhirSamples.json;
import static io.chartstream.testsupport.FhirSamples.parse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Amending an entry with If-Match, and reading it back: a stale write never overwrites silently. */
@QuarkusTest
class ClinicalEntryAmendmentTest {

    @Inject
    KnownPersons knownPersons;

    @Test
    void amendingWithTheCurrentVersionStoresVersionTwoAndPublishesEntryAmended() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = recordGlucose(person, 95);
        Observation corrected = glucose(person, 98).setStatus(Observation.ObservationStatus.AMENDED);

        Response response =
                asGateway().header("If-Match", "W/\"1\"").body(json(corrected)).put("/fhir/Observation/" + id);

        response.then()
                .statusCode(200)
                .header("ETag", "W/\"2\"")
                .header("X-ChartStream-Position", matchesPattern("clinical-service/[0-9]+"));
        Observation v2 = parse(Observation.class, response.asString());
        assertEquals(id, v2.getIdElement().getIdPart());
        assertEquals("2", v2.getMeta().getVersionId());
        assertEquals(98.0, v2.getValueQuantity().getValue().doubleValue());

        Published event = ClinicalEventsTopic.awaitEvent(id, 2);
        assertEquals(ClinicalContracts.ENTRY_AMENDED.typeName(), event.header(CloudEventHeaders.TYPE));
        assertEquals(person.toString(), event.key());
        assertEquals("Observation", event.data().get("resourceType").asText());
        assertEquals("2", event.data().at("/resource/meta/versionId").asText());
        assertEquals("amended", event.data().at("/resource/status").asText());

        Response current = asGateway().get("/fhir/Observation/" + id);
        current.then().statusCode(200).header("ETag", "W/\"2\"");
        assertEquals(
                98.0,
                parse(Observation.class, current.asString())
                        .getValueQuantity()
                        .getValue()
                        .doubleValue());
        Response first = asGateway().get("/fhir/Observation/" + id + "/_history/1");
        first.then().statusCode(200).header("ETag", "W/\"1\"");
        assertEquals(
                95.0,
                parse(Observation.class, first.asString())
                        .getValueQuantity()
                        .getValue()
                        .doubleValue());
    }

    @Test
    void staleIfMatchIsAPreconditionFailureAndChangesNothing() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = recordGlucose(person, 95);
        asGateway()
                .header("If-Match", "W/\"1\"")
                .body(json(glucose(person, 98)))
                .put("/fhir/Observation/" + id)
                .then()
                .statusCode(200);

        Response stale = asGateway()
                .header("If-Match", "W/\"1\"")
                .body(json(glucose(person, 250)))
                .put("/fhir/Observation/" + id);

        stale.then().statusCode(412);
        assertEquals(
                OperationOutcome.IssueType.CONFLICT,
                parse(OperationOutcome.class, stale.asString())
                        .getIssueFirstRep()
                        .getCode());
        Response current = asGateway().get("/fhir/Observation/" + id);
        current.then().statusCode(200).header("ETag", "W/\"2\"");
        assertEquals(
                98.0,
                parse(Observation.class, current.asString())
                        .getValueQuantity()
                        .getValue()
                        .doubleValue());
    }

    @Test
    void concurrentAmendmentsOfTheSameVersionLetExactlyOneWin() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = recordGlucose(person, 95);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                double value = 100 + i;
                statuses.add(writers.submit(() -> asGateway()
                        .header("If-Match", "W/\"1\"")
                        .body(json(glucose(person, value)))
                        .put("/fhir/Observation/" + id)
                        .statusCode()));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get(60, TimeUnit.SECONDS));
            }

            assertEquals(1, results.stream().filter(s -> s == 200).count(), "exactly one writer wins: " + results);
            assertEquals(
                    3,
                    results.stream().filter(s -> s == 412).count(),
                    "the others are told they were stale: " + results);
        } finally {
            writers.shutdownNow();
        }
        asGateway().get("/fhir/Observation/" + id).then().statusCode(200).header("ETag", "W/\"2\"");
        asGateway().get("/fhir/Observation/" + id + "/_history/3").then().statusCode(404);
    }

    @Test
    void updateWithoutIfMatchIsRefusedAsPreconditionRequired() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = recordGlucose(person, 95);

        Response response = asGateway().body(json(glucose(person, 98))).put("/fhir/Observation/" + id);

        response.then().statusCode(428).body(containsString("If-Match"));
        parse(OperationOutcome.class, response.asString());
        asGateway().get("/fhir/Observation/" + id).then().statusCode(200).header("ETag", "W/\"1\"");
    }

    @Test
    void unknownEntryIsNotFound() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String unknown = UUID.randomUUID().toString();

        asGateway()
                .header("If-Match", "W/\"1\"")
                .body(json(glucose(person, 98)))
                .put("/fhir/Observation/" + unknown)
                .then()
                .statusCode(404);
        asGateway().get("/fhir/Observation/" + unknown).then().statusCode(404);
        asGateway().get("/fhir/Observation/not-a-uuid").then().statusCode(404);
    }

    @Test
    void entryIsNotFoundUnderAnotherResourceType() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = recordGlucose(person, 95);

        asGateway().get("/fhir/Condition/" + id).then().statusCode(404);
    }

    @Test
    void amendmentMustKeepTheSubject() throws Exception {
        UUID person = Persons.registered(knownPersons);
        UUID someoneElse = Persons.registered(knownPersons);
        String id = recordGlucose(person, 95);

        asGateway()
                .header("If-Match", "W/\"1\"")
                .body(json(glucose(person, 98).setSubject(new Reference("Patient/" + someoneElse))))
                .put("/fhir/Observation/" + id)
                .then()
                .statusCode(422)
                .body(containsString("must keep the subject"));
        asGateway().get("/fhir/Observation/" + id).then().statusCode(200).header("ETag", "W/\"1\"");
    }

    @Test
    void onlyTheRecordingOrganizationMayAmend() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = recordGlucose(person, 95);

        asGatewayFor("st-marys-hospital")
                .header("If-Match", "W/\"1\"")
                .body(json(glucose(person, 98)))
                .put("/fhir/Observation/" + id)
                .then()
                .statusCode(403)
                .body(containsString("riverside-clinic"));
    }

    @Test
    void bodyIdThatDisagreesWithTheUrlIsABadRequest() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String id = recordGlucose(person, 95);
        Observation other = glucose(person, 98);
        other.setId(UUID.randomUUID().toString());

        asGateway()
                .header("If-Match", "W/\"1\"")
                .body(json(other))
                .put("/fhir/Observation/" + id)
                .then()
                .statusCode(400);
    }

    private static String recordGlucose(UUID person, double value) {
        String body = asGateway()
                .body(json(glucose(person, value)))
                .post("/fhir/Observation")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        return parse(Observation.class, body).getIdElement().getIdPart();
    }
}
