package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.clinical.support.ClinicalEventsTopic;
import io.chartstream.clinical.support.Persons;
import io.chartstream.contracts.clinical.SecurityLabels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.chartstream.clinical.support.Gateway.asGateway;
import static io.chartstream.testsupport.FhirSamples.glucose;
import static io.chartstream.testsupport.FhirSamples.json;
import static io.chartstream.testsupport.FhirSamples.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Security labels assigned at ingest travel in the stored entry, every read and the published event. */
@QuarkusTest
class SecurityLabelingTest {

    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";

    @Inject
    KnownPersons knownPersons;

    @Test
    void anOpioidUseDisorderIsLabelledSubstanceUsePart2AndRestrictedEverywhere() throws Exception {
        UUID person = Persons.registered(knownPersons);

        Response recorded = asGateway().body(json(condition(person, "F11.20"))).post("/fhir/Condition");

        recorded.then().statusCode(201);
        Condition stored = parse(Condition.class, recorded.asString());
        Set<String> expected = Set.of("ETH", "42CFRPart2", "R");
        assertEquals(expected, labels(stored));
        String id = stored.getIdElement().getIdPart();
        assertEquals(
                expected,
                labels(parse(
                        Condition.class,
                        asGateway().get("/fhir/Condition/" + id).asString())));
        Condition published = parse(
                Condition.class,
                ClinicalEventsTopic.awaitEvent(id, 1).data().get("resource").toString());
        assertEquals(expected, labels(published));
    }

    @Test
    void aLabelTheSourceSetIsKeptBesideTheAssignedOnes() throws Exception {
        UUID person = Persons.registered(knownPersons);
        Condition condition = condition(person, "F32.9");
        condition.getMeta().addSecurity(SecurityLabels.ACT_CODE_SYSTEM, SecurityLabels.PART_2, null);

        Condition stored = parse(
                Condition.class,
                asGateway()
                        .body(json(condition))
                        .post("/fhir/Condition")
                        .then()
                        .statusCode(201)
                        .extract()
                        .asString());

        assertEquals(Set.of("PSY", "42CFRPart2", "R"), labels(stored));
    }

    @Test
    void anOrdinaryGlucoseGetsNoLabelAndAnAmendmentToAnHivTestGainsOne() throws Exception {
        UUID person = Persons.registered(knownPersons);
        Observation stored = parse(
                Observation.class,
                asGateway()
                        .body(json(glucose(person, 95)))
                        .post("/fhir/Observation")
                        .then()
                        .statusCode(201)
                        .extract()
                        .asString());
        assertEquals(Set.of(), labels(stored));

        Observation hivTest = glucose(person, 1);
        hivTest.setCode(new CodeableConcept(new Coding("http://loinc.org", "7917-8", "HIV 1 Ab")));
        Observation amended = parse(
                Observation.class,
                asGateway()
                        .header("If-Match", "W/\"1\"")
                        .body(json(hivTest))
                        .put("/fhir/Observation/" + stored.getIdElement().getIdPart())
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());

        assertEquals(Set.of("HIV", "R"), labels(amended));
    }

    private static Condition condition(UUID person, String icd10) {
        Condition c = new Condition();
        c.setSubject(new Reference("Patient/" + person));
        c.setCode(new CodeableConcept(new Coding(ICD10, icd10, null)));
        c.getClinicalStatus()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/condition-clinical")
                .setCode("active");
        return c;
    }

    private static Set<String> labels(Resource resource) {
        return resource.getMeta().getSecurity().stream().map(Coding::getCode).collect(Collectors.toSet());
    }
}
