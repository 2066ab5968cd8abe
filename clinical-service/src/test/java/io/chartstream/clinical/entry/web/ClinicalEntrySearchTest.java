package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.clinical.support.Persons;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.chartstream.clinical.support.Gateway.asGateway;
import static io.chartstream.testsupport.FhirSamples.glucose;
import static io.chartstream.testsupport.FhirSamples.json;
import static io.chartstream.testsupport.FhirSamples.parse;
import static io.chartstream.testsupport.FhirSamples.type2Diabetes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Searching a person's entries by type: read from the table written with the events. */
@QuarkusTest
class ClinicalEntrySearchTest {

    @Inject
    KnownPersons knownPersons;

    @Test
    void searchByPatientReturnsThatPersonsEntriesOfTheType() throws Exception {
        UUID person = Persons.registered(knownPersons);
        UUID otherPerson = Persons.registered(knownPersons);
        record(person, json(glucose(person, 95)), "Observation");
        record(person, json(glucose(person, 132)), "Observation");
        record(person, json(type2Diabetes(person)), "Condition");
        record(otherPerson, json(glucose(otherPerson, 88)), "Observation");

        Bundle observations = search("Observation", person.toString());
        Bundle sameByReference = search("Observation", "Patient/" + person);
        Bundle conditions = search("Condition", person.toString());

        assertEquals(Bundle.BundleType.SEARCHSET, observations.getType());
        assertEquals(2, observations.getTotal());
        List<Double> values = observations.getEntry().stream()
                .map(e -> ((Observation) e.getResource())
                        .getValueQuantity()
                        .getValue()
                        .doubleValue())
                .toList();
        assertEquals(List.of(95.0, 132.0), values);
        observations.getEntry().forEach(e -> {
            assertEquals(Bundle.SearchEntryMode.MATCH, e.getSearch().getMode());
            assertTrue(
                    e.getFullUrl()
                            .endsWith("/fhir/Observation/"
                                    + e.getResource().getIdElement().getIdPart()),
                    e.getFullUrl());
            assertEquals(
                    "Patient/" + person,
                    ((Observation) e.getResource()).getSubject().getReference());
        });
        assertEquals(2, sameByReference.getTotal());
        assertEquals(1, conditions.getTotal());
        assertEquals(
                "44054006",
                ((Condition) conditions.getEntryFirstRep().getResource())
                        .getCode()
                        .getCodingFirstRep()
                        .getCode());
    }

    @Test
    void searchWithoutAValidPatientIsABadRequest() {
        asGateway().get("/fhir/Observation").then().statusCode(400);
        asGateway()
                .queryParam("patient", "MRN-00042")
                .get("/fhir/Observation")
                .then()
                .statusCode(400);
    }

    private static void record(UUID person, String body, String type) {
        asGateway().body(body).post("/fhir/" + type).then().statusCode(201);
    }

    private static Bundle search(String type, String patient) {
        String body = asGateway()
                .queryParam("patient", patient)
                .get("/fhir/" + type)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return parse(Bundle.class, body);
    }
}
