package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.clinical.support.ClinicalEventsTopic;
import io.chartstream.clinical.support.Persons;
import io.chartstream.contracts.clinical.SecurityLabels;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.chartstream.clinical.support.Gateway.asGateway;
import static io.chartstream.testsupport.FhirSamples.RXNORM;
import static io.chartstream.testsupport.FhirSamples.glucose;
import static io.chartstream.testsupport.FhirSamples.json;
import static io.chartstream.testsupport.FhirSamples.metformin;
import static io.chartstream.testsupport.FhirSamples.parse;
import static io.chartstream.testsupport.FhirSamples.penicillinAllergy;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Security labels assigned at ingest travel in the stored entry, every read and the published event. */
@QuarkusTest
class SecurityLabelingTest {

    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String ACT = SecurityLabels.ACT_CODE_SYSTEM;
    private static final String CONF = SecurityLabels.CONFIDENTIALITY_SYSTEM;

    private static final List<String> SUBSTANCE_USE_PART_2 = List.of(ACT + "|ETH", ACT + "|42CFRPart2", CONF + "|R");

    @Inject
    KnownPersons knownPersons;

    @Test
    void anOpioidUseDisorderIsSubstanceUsePart2AndRestrictedInEveryCopy() throws Exception {
        UUID person = Persons.registered(knownPersons);

        Condition recorded = post(Condition.class, condition(person, "F11.20"));

        String id = recorded.getIdElement().getIdPart();
        assertEquals(SUBSTANCE_USE_PART_2, labels(recorded));
        assertEquals(SUBSTANCE_USE_PART_2, labels(get(Condition.class, "/fhir/Condition/" + id)));
        assertEquals(SUBSTANCE_USE_PART_2, labels(get(Condition.class, "/fhir/Condition/" + id + "/_history/1")));
        Bundle search = get(Bundle.class, "/fhir/Condition?patient=" + person);
        assertEquals(SUBSTANCE_USE_PART_2, labels(search.getEntryFirstRep().getResource()));
        assertEquals(SUBSTANCE_USE_PART_2, labels(published(Condition.class, id, 1)));
    }

    @Test
    void labelsTheSourceSetAreKeptAndNeverDuplicated() throws Exception {
        UUID person = Persons.registered(knownPersons);
        Condition opioid = condition(person, "F11.20");
        opioid.getMeta().addSecurity(ACT, "ETH", null).addSecurity(CONF, "R", null);
        opioid.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ActReason", "HTEST", null);
        Condition depression = condition(person, "F32.9");
        depression.getMeta().addSecurity(ACT, SecurityLabels.PART_2, null);

        Condition opioidStored = post(Condition.class, opioid);
        Condition depressionStored = post(Condition.class, depression);

        assertEquals(
                List.of(
                        ACT + "|ETH",
                        CONF + "|R",
                        "http://terminology.hl7.org/CodeSystem/v3-ActReason|HTEST",
                        ACT + "|42CFRPart2"),
                labels(opioidStored));
        assertEquals(List.of(ACT + "|42CFRPart2", ACT + "|PSY", CONF + "|R"), labels(depressionStored));
    }

    @Test
    void anOrdinaryGlucoseGetsNoLabelAnywhere() throws Exception {
        UUID person = Persons.registered(knownPersons);

        Observation recorded = post(Observation.class, glucose(person, 95));

        String id = recorded.getIdElement().getIdPart();
        assertEquals(List.of(), labels(recorded));
        assertEquals(List.of(), labels(get(Observation.class, "/fhir/Observation/" + id)));
        assertEquals(List.of(), labels(published(Observation.class, id, 1)));
    }

    @Test
    void anAmendmentThatAddsAnHivCodeGainsTheHivLabel() throws Exception {
        UUID person = Persons.registered(knownPersons);
        Condition recorded = post(Condition.class, condition(person, "J18.9"));
        String id = recorded.getIdElement().getIdPart();
        assertEquals(List.of(), labels(recorded));

        Condition amendment = condition(person, "J18.9");
        amendment.getCode().addCoding(new Coding(ICD10, "B20", "HIV disease"));
        Condition amended = parse(
                Condition.class,
                asGateway()
                        .header("If-Match", "W/\"1\"")
                        .body(json(amendment))
                        .put("/fhir/Condition/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());

        List<String> hiv = List.of(ACT + "|HIV", CONF + "|R");
        assertEquals(hiv, labels(amended));
        assertEquals(hiv, labels(get(Condition.class, "/fhir/Condition/" + id)));
        assertEquals(hiv, labels(published(Condition.class, id, 2)));
        assertEquals(List.of(), labels(get(Condition.class, "/fhir/Condition/" + id + "/_history/1")));
    }

    @Test
    void aMedicationAndAnAllergyAreLabelledFromTheirCodes() throws Exception {
        UUID person = Persons.registered(knownPersons);
        MedicationRequest suboxone = metformin(person);
        suboxone.setMedication(new CodeableConcept(
                new Coding(RXNORM, "1010600", "buprenorphine 2 MG / naloxone 0.5 MG Sublingual Film")));
        AllergyIntolerance efavirenz = penicillinAllergy(person);
        efavirenz.setCode(new CodeableConcept(new Coding(RXNORM, "195085", "efavirenz")));

        assertEquals(SUBSTANCE_USE_PART_2, labels(post(MedicationRequest.class, suboxone)));
        assertEquals(List.of(ACT + "|HIV", CONF + "|R"), labels(post(AllergyIntolerance.class, efavirenz)));
    }

    private static <T extends Resource> T post(Class<T> type, T resource) {
        String body = asGateway()
                .body(json(resource))
                .post("/fhir/" + resource.fhirType())
                .then()
                .statusCode(201)
                .extract()
                .asString();
        return parse(type, body);
    }

    private static <T extends Resource> T get(Class<T> type, String path) {
        return parse(
                type, asGateway().get(path).then().statusCode(200).extract().asString());
    }

    private static <T extends Resource> T published(Class<T> type, String id, long version) {
        return parse(
                type,
                ClinicalEventsTopic.awaitEvent(id, version)
                        .data()
                        .get("resource")
                        .toString());
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

    /** meta.security as system|code, in order, so a duplicate or a lost label shows. */
    private static List<String> labels(Resource resource) {
        return resource.getMeta().getSecurity().stream()
                .map(c -> c.getSystem() + "|" + c.getCode())
                .toList();
    }
}
