package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.clinical.support.ClinicalEventsTopic;
import io.chartstream.clinical.support.PatientEvents;
import io.chartstream.clinical.support.Persons;
import io.chartstream.testsupport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.chartstream.clinical.support.Gateway.asGateway;
import static io.chartstream.testsupport.FhirSamples.glucose;
import static io.chartstream.testsupport.FhirSamples.json;
import static io.chartstream.testsupport.FhirSamples.parse;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An entry stays with the person it was written for through a merge (decisions §26); a client
 * that followed the merge and amends it naming the survivor is answered, not refused, while the
 * two are one person, and the entry stays its own person's.
 */
@QuarkusTest
class MergedPersonAmendmentTest {

    @Inject
    KnownPersons knownPersons;

    @Test
    void anAmendmentNamingTheSurvivorIsTheMergedPersonsWhileMergedAndRefusedAfterAnUnmerge() throws Exception {
        UUID survivor = Persons.registered(knownPersons);
        UUID merged = Persons.registered(knownPersons);
        String id = asGateway()
                .body(json(glucose(merged, 95)))
                .post("/fhir/Observation")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        amend(id, 1, survivor, 96)
                .then()
                .statusCode(422)
                .body(containsString("must keep the subject Patient/" + merged));

        UUID merge = UUID.randomUUID();
        PatientEvents.merge(merge, survivor, merged);

        Eventually.assertThat(
                Duration.ofSeconds(60), () -> amend(id, 1, survivor, 97).then().statusCode(200));
        Observation stored = parse(
                Observation.class, asGateway().get("/fhir/Observation/" + id).asString());
        assertEquals("Patient/" + merged, stored.getSubject().getReference(), "filed under its own person");
        assertEquals(97.0, stored.getValueQuantity().getValue().doubleValue());
        assertEquals(merged.toString(), ClinicalEventsTopic.awaitEvent(id, 2).key());
        // written for the merged id after the merge: still that person's
        asGateway()
                .body(json(glucose(merged, 101)))
                .post("/fhir/Observation")
                .then()
                .statusCode(201)
                .body("subject.reference", org.hamcrest.Matchers.equalTo("Patient/" + merged));

        PatientEvents.unmerge(merge, survivor, merged);

        Eventually.assertThat(
                Duration.ofSeconds(60),
                () -> amend(id, 2, survivor, 98)
                        .then()
                        .statusCode(422)
                        .body(containsString("must keep the subject Patient/" + merged)));
        amend(id, 2, merged, 98).then().statusCode(200);
    }

    private static Response amend(String id, long version, UUID subject, double value) {
        return asGateway()
                .header("If-Match", "W/\"" + version + "\"")
                .body(json(glucose(subject, value)))
                .put("/fhir/Observation/" + id);
    }
}
