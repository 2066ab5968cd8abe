package io.chartstream.clinical.entry.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.clinical.support.ClinicalEventsTopic;
import io.chartstream.clinical.support.ClinicalEventsTopic.Published;
import io.chartstream.clinical.support.Persons;
import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.fhir.ActingParty;
import io.chartstream.testsupport.ClinicalRecordSamples;
import io.chartstream.testsupport.FhirSamples;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.UUID;

import static io.chartstream.clinical.support.Gateway.asGateway;
import static io.chartstream.clinical.support.Gateway.asGatewayFor;
import static io.chartstream.testsupport.FhirSamples.glucose;
import static io.chartstream.testsupport.FhirSamples.json;
import static io.chartstream.testsupport.FhirSamples.parse;
import static io.chartstream.testsupport.FhirSamples.type2Diabetes;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Recording entries through the FHIR API, against the real PostgreSQL and Kafka of the test JVM. */
@QuarkusTest
class ClinicalEntryRecordingTest {

    @Inject
    KnownPersons knownPersons;

    /**
     * The gateway names the entry's id for a create under an Idempotency-Key: the same request
     * forwarded again (its answer was lost to a crash) answers as the first time and records
     * nothing twice; another organization cannot claim that id.
     */
    @Test
    void aCreateForwardedTwiceWithItsRequestedIdIsOneEntry() throws Exception {
        UUID person = Persons.registered(knownPersons);
        String requested = UUID.randomUUID().toString();

        Response first = asGateway()
                .header(ActingParty.REQUESTED_ID_HEADER, requested)
                .body(json(glucose(person, 101)))
                .post("/fhir/Observation");
        Response again = asGateway()
                .header(ActingParty.REQUESTED_ID_HEADER, requested)
                .body(json(glucose(person, 101)))
                .post("/fhir/Observation");

        first.then().statusCode(201).header("Location", "Observation/" + requested + "/_history/1");
        again.then()
                .statusCode(201)
                .header("Location", "Observation/" + requested + "/_history/1")
                .header("ETag", "W/\"1\"");
        assertEquals(
                parse(Observation.class, first.asString())
                        .getValueQuantity()
                        .getValue()
                        .doubleValue(),
                parse(Observation.class, again.asString())
                        .getValueQuantity()
                        .getValue()
                        .doubleValue());
        ClinicalEventsTopic.awaitEvent(requested, 1);
        assertEquals(
                1,
                ClinicalEventsTopic.eventsOf(requested, Duration.ofSeconds(3)).size(),
                "recorded once");
        asGatewayFor("northside-pediatrics")
                .header(ActingParty.REQUESTED_ID_HEADER, requested)
                .body(json(glucose(person, 101)))
                .post("/fhir/Observation")
                .then()
                .statusCode(409);
    }

    @Test
    void glucoseObservationIsRecordedWithProvenanceAndPublished() throws Exception {
        UUID person = Persons.registered(knownPersons);

        Response response = asGateway().body(json(glucose(person, 95))).post("/fhir/Observation");

        response.then()
                .statusCode(201)
                .header("ETag", "W/\"1\"")
                .header("X-ChartStream-Position", matchesPattern("clinical-service/[0-9]+"))
                .header("Location", matchesPattern("Observation/[0-9a-f-]{36}/_history/1"))
                .contentType(containsString("application/fhir+json"));
        Observation stored = parse(Observation.class, response.asString());
        String entryId = stored.getIdElement().getIdPart();
        assertEquals("Observation/" + entryId + "/_history/1", response.header("Location"));
        assertEquals("1", stored.getMeta().getVersionId());
        assertEquals("Patient/" + person, stored.getSubject().getReference());
        assertEquals("2345-7", stored.getCode().getCodingFirstRep().getCode());
        assertEquals(95.0, stored.getValueQuantity().getValue().doubleValue());
        assertEquals("mg/dL", stored.getValueQuantity().getCode());

        Published event = ClinicalEventsTopic.awaitEvent(entryId, 1);
        assertEquals(ClinicalContracts.ENTRY_RECORDED.typeName(), event.header(CloudEventHeaders.TYPE));
        assertEquals(person.toString(), event.key());
        assertEquals(person.toString(), event.header(CloudEventHeaders.SUBJECT));
        assertEquals("clinical-service", event.header(CloudEventHeaders.SOURCE));
        assertEquals("riverside-clinic", event.header(CloudEventHeaders.header(CloudEventHeaders.ORGANIZATION)));
        assertEquals("Practitioner/dr-amara-chen", event.header(CloudEventHeaders.header(CloudEventHeaders.ACTOR)));
        assertEquals(
                response.header("X-ChartStream-Position"),
                "clinical-service/" + event.header(CloudEventHeaders.header(CloudEventHeaders.POSITION)));
        JsonNode data = event.data();
        assertEquals(entryId, data.get("entryId").asText());
        assertEquals(person.toString(), data.get("personId").asText());
        assertEquals("riverside-clinic", data.get("organization").asText());
        assertEquals("Practitioner/dr-amara-chen", data.get("practitioner").asText());
        assertEquals("Observation", data.get("resourceType").asText());
        assertTrue(data.get("resource").isObject(), "the resource travels as a JSON object");
        Observation published = parse(Observation.class, data.get("resource").toString());
        assertEquals(entryId, published.getIdElement().getIdPart());
        assertEquals("1", published.getMeta().getVersionId());
        assertEquals(95.0, published.getValueQuantity().getValue().doubleValue());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "Encounter",
                "Condition",
                "DiagnosticReport",
                "Procedure",
                "Immunization",
                "MedicationRequest",
                "MedicationAdministration",
                "MedicationStatement",
                "AllergyIntolerance",
                "CarePlan",
                "CareTeam",
                "Goal",
                "Device",
                "ImagingStudy",
                "DocumentReference",
                "Provenance"
            })
    void everyTypeOfTheClinicalRecordIsRecordedAndPublishedTheSameWay(String resourceType) throws Exception {
        UUID person = Persons.registered(knownPersons);
        Resource resource = ClinicalRecordSamples.of(resourceType, person);

        Response response = asGateway().body(json(resource)).post("/fhir/" + resourceType);

        response.then()
                .statusCode(201)
                .header("ETag", "W/\"1\"")
                .header("Location", matchesPattern(resourceType + "/[0-9a-f-]{36}/_history/1"));
        IBaseResource stored = parse(resource.getClass(), response.asString());
        String entryId = stored.getIdElement().getIdPart();
        Published event = ClinicalEventsTopic.awaitEvent(entryId, 1);
        assertEquals(ClinicalContracts.ENTRY_RECORDED.typeName(), event.header(CloudEventHeaders.TYPE));
        assertEquals(person.toString(), event.key());
        assertEquals(resourceType, event.data().at("/resource/resourceType").asText());
        assertEquals(resourceType, event.data().at("/resourceType").asText());
        assertEquals(entryId, event.data().at("/resource/id").asText());
        asGateway()
                .get("/fhir/" + resourceType + "/" + entryId)
                .then()
                .statusCode(200)
                .body("resourceType", org.hamcrest.Matchers.equalTo(resourceType));
        asGateway()
                .queryParam("patient", person.toString())
                .get("/fhir/" + resourceType)
                .then()
                .statusCode(200)
                .body("entry.resource.id", org.hamcrest.Matchers.hasItem(entryId));
    }

    @Test
    void aMedicationNamesNoPatientAndIsRefusedOnItsOwn() {
        Resource medication = ClinicalRecordSamples.of("Medication", UUID.randomUUID());

        asGateway()
                .body(json(medication))
                .post("/fhir/Medication")
                .then()
                .statusCode(422)
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("transaction Bundle"));
    }

    @Test
    void anEntryAboutTwoPatientsIsRefused() {
        Observation both = glucose(UUID.randomUUID(), 95);
        both.addPerformer(FhirSamples.patient(UUID.randomUUID()));

        asGateway()
                .body(json(both))
                .post("/fhir/Observation")
                .then()
                .statusCode(422)
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("several patients"));
    }

    @Test
    void invalidObservationIsRefusedWithEveryIssue() throws Exception {
        UUID person = Persons.registered(knownPersons);
        Observation noCode = glucose(person, 95);
        noCode.setCode(null);
        String body = json(noCode).replace("\"status\":\"final\"", "\"status\":\"preliminary-ish\"");

        Response response = asGateway().body(body).post("/fhir/Observation");

        response.then().statusCode(422);
        OperationOutcome outcome = parse(OperationOutcome.class, response.asString());
        String issues = outcome.getIssue().stream()
                .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .toList()
                .toString();
        assertTrue(outcome.getIssue().size() >= 2, "expected the bad status and the missing code, got " + issues);
        assertTrue(issues.contains("preliminary-ish"), issues);
        assertTrue(issues.contains("Observation.code"), issues);
        assertNothingStoredFor(person, "Observation");
    }

    @Test
    void unknownSubjectIsRefusedAfterABoundedWait() {
        UUID stranger = UUID.randomUUID();

        long started = System.nanoTime();
        Response response = asGateway().body(json(glucose(stranger, 95))).post("/fhir/Observation");
        long waitedMs = (System.nanoTime() - started) / 1_000_000;

        response.then().statusCode(422);
        OperationOutcome outcome = parse(OperationOutcome.class, response.asString());
        assertTrue(outcome.getIssueFirstRep().getDiagnostics().contains("Patient/" + stranger));
        assertTrue(waitedMs >= 2_000, "the service waits up to 2 s for a just-registered person, waited " + waitedMs);
        assertTrue(waitedMs < 10_000, "the wait is bounded, waited " + waitedMs);
        assertNothingStoredFor(stranger, "Observation");
    }

    @Test
    void subjectThatIsNotAnEnterprisePersonIsRefused() throws Exception {
        UUID person = Persons.registered(knownPersons);
        Observation aboutAGroup = glucose(person, 95).setSubject(new Reference("Group/diabetes-cohort"));
        Observation localMrn = glucose(person, 95).setSubject(new Reference("Patient/MRN-00042"));

        asGateway()
                .body(json(aboutAGroup))
                .post("/fhir/Observation")
                .then()
                .statusCode(422)
                .body(containsString("Patient/<enterprise person id>"));
        asGateway()
                .body(json(localMrn))
                .post("/fhir/Observation")
                .then()
                .statusCode(422)
                .body(containsString("not an enterprise person id"));
    }

    @Test
    void unparsableJsonIsABadRequest() {
        Response response = asGateway()
                .body("{\"resourceType\": \"Observation\", \"status\": ")
                .post("/fhir/Observation");

        response.then().statusCode(400);
        OperationOutcome outcome = parse(OperationOutcome.class, response.asString());
        assertEquals(
                OperationOutcome.IssueSeverity.ERROR, outcome.getIssueFirstRep().getSeverity());
    }

    @Test
    void resourceOfAnotherTypeIsABadRequest() throws Exception {
        UUID person = Persons.registered(knownPersons);

        asGateway()
                .body(json(type2Diabetes(person)))
                .post("/fhir/Observation")
                .then()
                .statusCode(400)
                .body(containsString("the body is a Condition"));
        asGateway().body(json(new Group())).post("/fhir/Condition").then().statusCode(400);
    }

    @Test
    void missingOrganizationHeaderIsABadRequest() throws Exception {
        UUID person = Persons.registered(knownPersons);

        io.restassured.RestAssured.given()
                .auth()
                .oauth2(io.chartstream.clinical.support.Gateway.token())
                .contentType(io.chartstream.clinical.support.Gateway.FHIR_JSON)
                .body(json(glucose(person, 95)))
                .post("/fhir/Observation")
                .then()
                .statusCode(400)
                .body(containsString("X-ChartStream-Organization"));
        assertNothingStoredFor(person, "Observation");
    }

    @Test
    void plainJsonMediaTypeIsAcceptedToo() throws Exception {
        UUID person = Persons.registered(knownPersons);

        asGateway()
                .contentType("application/json")
                .accept("application/json")
                .body(json(glucose(person, 110)))
                .post("/fhir/Observation")
                .then()
                .statusCode(201)
                .header("ETag", "W/\"1\"");
    }

    private static void assertNothingStoredFor(UUID person, String resourceType) {
        String bundle = asGateway()
                .queryParam("patient", person.toString())
                .get("/fhir/" + resourceType)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(0, parse(Bundle.class, bundle).getTotal());
    }
}
