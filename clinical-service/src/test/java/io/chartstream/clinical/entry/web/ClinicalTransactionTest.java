package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.clinical.support.Persons;
import io.chartstream.testsupport.ClinicalRecordSamples;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.chartstream.clinical.support.Gateway.asGateway;
import static io.chartstream.clinical.support.Gateway.asGatewayFor;
import static io.chartstream.testsupport.FhirSamples.json;
import static io.chartstream.testsupport.FhirSamples.parse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The clinical part of a transaction Bundle: all entries in one database transaction, or none. */
@QuarkusTest
class ClinicalTransactionTest {

    @Inject
    KnownPersons knownPersons;

    @Test
    void aTransactionRecordsEveryEntryAndTheMedicationBelongsToItsPerson() throws Exception {
        UUID person = Persons.registered(knownPersons);
        UUID encounter = UUID.randomUUID();
        UUID observation = UUID.randomUUID();
        UUID medication = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        Bundle transaction = transaction(
                withId(ClinicalRecordSamples.of("Encounter", person), encounter),
                withId(observationDuring(person, encounter), observation),
                withId(ClinicalRecordSamples.of("Medication", person), medication),
                withId(requestFor(person, medication), request));

        Response response = asGateway().body(json(transaction)).post("/fhir");

        response.then().statusCode(200).body("type", org.hamcrest.Matchers.equalTo("transaction-response"));
        Bundle answer = parse(Bundle.class, response.asString());
        assertEquals(
                List.of(
                        "Encounter/" + encounter + "/_history/1",
                        "Observation/" + observation + "/_history/1",
                        "Medication/" + medication + "/_history/1",
                        "MedicationRequest/" + request + "/_history/1"),
                answer.getEntry().stream()
                        .map(e -> e.getResponse().getLocation())
                        .toList());
        answer.getEntry()
                .forEach(e -> assertEquals("201 Created", e.getResponse().getStatus()));
        asGateway()
                .get("/fhir/Observation/" + observation)
                .then()
                .statusCode(200)
                .body("encounter.reference", org.hamcrest.Matchers.equalTo("Encounter/" + encounter));
        asGateway()
                .queryParam("patient", person.toString())
                .get("/fhir/Medication")
                .then()
                .statusCode(200)
                .body("entry.resource.id", hasItem(medication.toString()));
    }

    @Test
    void oneInvalidEntryRefusesTheWholeTransactionNamingIt() throws Exception {
        UUID person = Persons.registered(knownPersons);
        UUID encounter = UUID.randomUUID();
        Observation noCode = observationDuring(person, encounter);
        noCode.setCode(null);
        Bundle transaction = transaction(
                withId(ClinicalRecordSamples.of("Encounter", person), encounter), withId(noCode, UUID.randomUUID()));

        asGateway()
                .body(json(transaction))
                .post("/fhir")
                .then()
                .statusCode(422)
                .body("issue[0].diagnostics", containsString("Bundle.entry[1]"));
        asGateway().get("/fhir/Encounter/" + encounter).then().statusCode(404);
    }

    @Test
    void theSameTransactionAgainIsAnsweredAsTheFirstTimeAndRecordsNothingTwice() throws Exception {
        UUID person = Persons.registered(knownPersons);
        Bundle transaction = newEntriesAbout(person, "Immunization", "Procedure");
        String first = asGateway()
                .body(json(transaction))
                .post("/fhir")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        String again = asGateway()
                .body(json(transaction))
                .post("/fhir")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertEquals(locations(first), locations(again));
        asGateway()
                .queryParam("patient", person.toString())
                .get("/fhir/Immunization")
                .then()
                .body("entry", hasSize(1));
        asGatewayFor("harbor-hospital")
                .body(json(transaction))
                .post("/fhir")
                .then()
                .statusCode(409);
    }

    @Test
    void aMedicationInATransactionAboutTwoPersonsIsRefused() throws Exception {
        UUID one = Persons.registered(knownPersons);
        UUID other = Persons.registered(knownPersons);
        Bundle transaction = transaction(
                withId(ClinicalRecordSamples.of("Condition", one), UUID.randomUUID()),
                withId(ClinicalRecordSamples.of("Condition", other), UUID.randomUUID()),
                withId(ClinicalRecordSamples.of("Medication", one), UUID.randomUUID()));

        asGateway()
                .body(json(transaction))
                .post("/fhir")
                .then()
                .statusCode(422)
                .body("issue[0].diagnostics", containsString("Bundle.entry[2]"));
    }

    @Test
    void aBatchOfReadsAnswersEachAsItsOwnReadWould() throws Exception {
        UUID person = Persons.registered(knownPersons);
        UUID encounter = UUID.randomUUID();
        UUID observation = UUID.randomUUID();
        asGateway()
                .body(json(transaction(
                        withId(ClinicalRecordSamples.of("Encounter", person), encounter),
                        withId(observationDuring(person, encounter), observation))))
                .post("/fhir")
                .then()
                .statusCode(200);
        asGateway().delete("/fhir/Observation/" + observation).then().statusCode(200);
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        for (String url : List.of(
                "Encounter/" + encounter,
                "Observation/" + observation,
                "Condition/" + UUID.randomUUID(),
                "Condition/x")) {
            batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(url);
        }

        Response response = asGateway().body(json(batch)).post("/fhir");

        response.then().statusCode(200).body("type", org.hamcrest.Matchers.equalTo("batch-response"));
        Bundle answer = parse(Bundle.class, response.asString());
        assertEquals(
                List.of("200 OK", "410 Gone", "404 Not Found", "404 Not Found"),
                answer.getEntry().stream().map(e -> e.getResponse().getStatus()).toList());
        assertEquals("W/\"1\"", answer.getEntry().get(0).getResponse().getEtag());
        assertEquals(
                encounter.toString(),
                answer.getEntry().get(0).getResource().getIdElement().getIdPart());
        // a batch is reads only: a write in it is refused whole
        batch.addEntry()
                .setResource(ClinicalRecordSamples.of("Condition", person))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Condition");
        asGateway().body(json(batch)).post("/fhir").then().statusCode(400);
    }

    private static List<String> locations(String bundle) {
        return parse(Bundle.class, bundle).getEntry().stream()
                .map(e -> e.getResponse().getLocation())
                .toList();
    }

    private static Observation observationDuring(UUID person, UUID encounter) {
        Observation o = (Observation) ClinicalRecordSamples.of("Observation", person);
        o.setEncounter(new Reference("Encounter/" + encounter));
        return o;
    }

    private static MedicationRequest requestFor(UUID person, UUID medication) {
        MedicationRequest r = (MedicationRequest) ClinicalRecordSamples.of("MedicationRequest", person);
        r.setMedication(new Reference("Medication/" + medication));
        return r;
    }

    static Resource withId(Resource resource, UUID id) {
        resource.setId(id.toString());
        return resource;
    }

    private static Bundle newEntriesAbout(UUID person, String... types) {
        return transaction(Arrays.stream(types)
                .map(type -> withId(ClinicalRecordSamples.of(type, person), UUID.randomUUID()))
                .toArray(Resource[]::new));
    }

    static Bundle transaction(Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource r : resources) {
            bundle.addEntry()
                    .setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart())
                    .setResource(r)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl(r.fhirType());
        }
        return bundle;
    }
}
