package io.chartstream.system;

import io.chartstream.testsupport.ClinicalRecordSamples;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.FhirSamples;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real feeds in: a transaction Bundle the way an EHR (or Synthea) sends one, with {@code urn:uuid}
 * references between its entries and conditional references to the provider directory, through
 * the gateway to patient-service, the directory and clinical-service, and back out of the
 * organization's view. A transaction is all or nothing; a retry under its Idempotency-Key writes
 * nothing twice; the rules of who may write hold for every entry.
 */
class BundleSystemTest {

    private static final String SYNTHEA = "https://github.com/synthetichealth/synthea";
    private static final String NPI = "http://hl7.org/fhir/sid/us-npi";

    private static String clinic;
    private static String run;
    private static String orgIdentifier;
    private static String npi;

    @BeforeAll
    static void theDirectoryKnowsTheClinicAndItsDoctor() {
        RunningExchange.ensureUp();
        clinic = Tokens.system("riverside-clinic");
        run = UUID.randomUUID().toString().substring(0, 8);
        orgIdentifier = UUID.randomUUID().toString();
        npi = "99" + Math.abs(run.hashCode());
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        Organization org = new Organization().setName("Riverside Family Practice " + run);
        org.addIdentifier().setSystem(SYNTHEA).setValue(orgIdentifier);
        Practitioner doctor = new Practitioner();
        doctor.addIdentifier().setSystem(NPI).setValue(npi);
        doctor.addName().setFamily("Chen").addGiven("Amara");
        add(batch, null, org, HTTPVerb.POST, "identifier=" + SYNTHEA + "|" + orgIdentifier);
        add(batch, null, doctor, HTTPVerb.POST, "identifier=" + NPI + "|" + npi);

        Bundle first = Fhir.bundle(
                send(clinic, batch, null).then().statusCode(200).extract().asString());
        Bundle again = Fhir.bundle(
                send(clinic, batch, null).then().statusCode(200).extract().asString());

        assertEquals(List.of("201 Created", "201 Created"), statuses(first));
        assertEquals(List.of("200 OK", "200 OK"), statuses(again), "conditional creates find what is there");
        assertEquals(locations(first), locations(again));
    }

    @Test
    void aTransactionWithUrnAndConditionalReferencesLandsWholeInTheView() {
        Map<String, Resource> record = visit("Bundle-" + run, "BT-" + run);
        Bundle transaction = transaction(record);
        String key = "bundle-" + UUID.randomUUID();

        Response answer = send(clinic, transaction, key);

        assertEquals(200, answer.statusCode(), answer.asString());
        Bundle response = Fhir.bundle(answer.asString());
        assertEquals("transaction-response", response.getType().toCode());
        assertEquals(record.size(), response.getEntry().size());
        assertEquals("201 Created", response.getEntryFirstRep().getResponse().getStatus());
        String person = response.getEntryFirstRep().getResponse().getLocation().split("/")[1];
        Map<String, Long> sent =
                countByType(record.values().stream().map(Resource::fhirType).toList());
        Eventually.within(Duration.ofSeconds(10)).until(() -> sent.equals(countByType(everythingTypes(person))));

        String encounterId =
                response.getEntry().get(1).getResponse().getLocation().split("/")[1];
        Encounter encounter = FhirSamples.parse(
                Encounter.class,
                given().auth()
                        .oauth2(clinic)
                        .get(RunningExchange.GATEWAY + "/fhir/Encounter/" + encounterId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertEquals("Patient/" + person, encounter.getSubject().getReference());
        assertTrue(
                encounter.getServiceProvider().getReference().matches("Organization/[0-9a-f-]{36}"),
                encounter.getServiceProvider().getReference());
        assertTrue(encounter
                .getParticipantFirstRep()
                .getIndividual()
                .getReference()
                .startsWith("Practitioner/"));
        given().auth()
                .oauth2(clinic)
                .get(RunningExchange.GATEWAY + "/fhir/"
                        + encounter.getServiceProvider().getReference())
                .then()
                .statusCode(200);

        Response retried = send(clinic, transaction, key);

        assertEquals(200, retried.statusCode(), retried.asString());
        assertEquals(answer.asString(), retried.asString(), "a retry gets the first answer");
        assertEquals(sent, countByType(everythingTypes(person)), "and writes nothing twice");
    }

    @Test
    void oneInvalidEntryRefusesTheWholeTransactionAndNothingOfItIsWritten() {
        Map<String, Resource> record = visit("Atomic-" + run, "AT-" + run);
        ((Observation) record.get("urn:uuid:observation")).setCode(null); // Observation.code is required
        Bundle transaction = transaction(record);

        Response answer = send(clinic, transaction, null);

        assertEquals(422, answer.statusCode(), answer.asString());
        assertTrue(
                answer.jsonPath().getString("issue[0].diagnostics").startsWith("Bundle.entry[2]"), answer.asString());
        Patient sameIdentifier = (Patient) record.get("urn:uuid:patient");
        Response registration = given().auth()
                .oauth2(clinic)
                .contentType("application/fhir+json")
                .header("If-None-Exist", "identifier=" + Fhir.RIVERSIDE_MRN + "|AT-" + run)
                .body(Fhir.json(sameIdentifier))
                .post(RunningExchange.GATEWAY + "/fhir/Patient");
        assertEquals(
                201,
                registration.statusCode(),
                "the refused transaction registered no one: " + registration.asString());
    }

    @Test
    void anEntryAboutAPersonOutsideTheCallersCareRefusesTheTransaction() {
        Response atHospital = Fhir.post(
                Tokens.system("st-marys-hospital"),
                "Patient",
                Fhir.patient(Fhir.ST_MARYS_MRN, "SMH-B-" + run, "Elsewhere" + run, "Nora", "1961-02-03"),
                null);
        assertEquals(201, atHospital.statusCode(), atHospital.asString());
        String stranger = Fhir.createdId(atHospital);
        Map<String, Resource> entries = new LinkedHashMap<>();
        entries.put("urn:uuid:mine", ClinicalRecordSamples.of("Condition", UUID.fromString(stranger)));

        Response answer = send(clinic, transaction(entries), null);

        assertEquals(403, answer.statusCode(), answer.asString());
        assertTrue(answer.jsonPath().getString("issue[0].diagnostics").startsWith("Bundle.entry[0]"));
        assertEquals(404, Fhir.everything(clinic, stranger).statusCode());
    }

    @Test
    void badBundlesAreRefusedWithAnOperationOutcome() {
        Map<String, Resource> broken = new LinkedHashMap<>();
        Observation dangling = (Observation) ClinicalRecordSamples.of("Observation", UUID.randomUUID());
        dangling.setSubject(new Reference("urn:uuid:" + UUID.randomUUID()));
        broken.put("urn:uuid:dangling", dangling);
        Response brokenReference = send(clinic, transaction(broken), null);
        assertEquals(422, brokenReference.statusCode(), brokenReference.asString());
        assertTrue(brokenReference.jsonPath().getString("issue[0].diagnostics").contains("names no entry"));

        Map<String, Resource> claim = new LinkedHashMap<>();
        claim.put("urn:uuid:claim", new org.hl7.fhir.r4.model.Claim());
        Response notServed = send(clinic, transaction(claim), null);
        assertEquals(422, notServed.statusCode(), notServed.asString());
        assertTrue(notServed.jsonPath().getString("issue[0].diagnostics").contains("not served"));

        Response notABundle = given().auth()
                .oauth2(clinic)
                .contentType("application/fhir+json")
                .body("{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"entry\": [")
                .post(RunningExchange.GATEWAY + "/fhir");
        assertEquals(400, notABundle.statusCode(), notABundle.asString());
        assertEquals("OperationOutcome", notABundle.jsonPath().getString("resourceType"));

        Bundle huge = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < 50_000; i++) { // small entries: within the byte limit, over the entry limit
            add(huge, "urn:uuid:" + UUID.randomUUID(), new Observation(), HTTPVerb.POST, null);
        }
        Response tooLarge = send(clinic, huge, null);
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.jsonPath().getString("issue[0].diagnostics").contains("entries"), tooLarge.asString());
    }

    @Test
    void aBatchAnswersEachEntryOnItsOwn() {
        Response atClinic = Fhir.post(
                clinic,
                "Patient",
                Fhir.patient(Fhir.RIVERSIDE_MRN, "BB-" + run, "Batch" + run, "Ada", "1980-01-01"),
                null);
        String person = Fhir.createdId(atClinic);
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        add(batch, null, ClinicalRecordSamples.of("Immunization", UUID.fromString(person)), HTTPVerb.POST, null);
        Observation noCode = (Observation) ClinicalRecordSamples.of("Observation", UUID.fromString(person));
        noCode.setCode(null);
        add(batch, null, noCode, HTTPVerb.POST, null);

        Bundle response = Fhir.bundle(
                send(clinic, batch, null).then().statusCode(200).extract().asString());

        assertEquals("batch-response", response.getType().toCode());
        assertEquals("201 Created", response.getEntry().get(0).getResponse().getStatus());
        assertTrue(response.getEntry().get(1).getResponse().getStatus().startsWith("422"));
        assertTrue(
                Fhir.json(response.getEntry().get(1).getResponse().getOutcome()).contains("Bundle.entry[1]"));
    }

    /** One visit as an EHR sends it: the patient, the encounter and what happened in it, cross-referenced. */
    private static Map<String, Resource> visit(String family, String mrn) {
        UUID placeholder = UUID.randomUUID();
        Map<String, Resource> record = new LinkedHashMap<>();
        Patient patient = Fhir.patient(Fhir.RIVERSIDE_MRN, mrn, family, "Grace", "1968-04-12");
        record.put("urn:uuid:patient", patient);
        Encounter encounter = (Encounter) ClinicalRecordSamples.of("Encounter", placeholder);
        encounter.setServiceProvider(new Reference("Organization?identifier=" + SYNTHEA + "|" + orgIdentifier));
        encounter.addParticipant().setIndividual(new Reference("Practitioner?identifier=" + NPI + "|" + npi));
        record.put("urn:uuid:encounter", encounter);
        record.put("urn:uuid:observation", ClinicalRecordSamples.of("Observation", placeholder));
        record.put("urn:uuid:medication", ClinicalRecordSamples.of("Medication", placeholder));
        MedicationRequest request = (MedicationRequest) ClinicalRecordSamples.of("MedicationRequest", placeholder);
        request.setMedication(new Reference("urn:uuid:medication"));
        record.put("urn:uuid:request", request);
        record.put("urn:uuid:immunization", ClinicalRecordSamples.of("Immunization", placeholder));
        record.put("urn:uuid:note", ClinicalRecordSamples.of("DocumentReference", placeholder));
        record.put("urn:uuid:procedure", ClinicalRecordSamples.of("Procedure", placeholder));
        Provenance provenance = new Provenance().setRecorded(new java.util.Date());
        provenance.addAgent().setWho(new Reference("Practitioner?identifier=" + NPI + "|" + npi));
        record.keySet().forEach(urn -> provenance.addTarget(new Reference(urn)));
        record.put("urn:uuid:provenance", provenance);
        // every reference to the person is to the Patient entry, every one within the visit to its entry
        for (Resource r : record.values()) {
            String json = Fhir.json(r).replace("Patient/" + placeholder, "urn:uuid:patient");
            record.put(
                    record.entrySet().stream()
                            .filter(e -> e.getValue() == r)
                            .findFirst()
                            .orElseThrow()
                            .getKey(),
                    FhirSamples.parse(r.getClass(), json));
        }
        ((Observation) record.get("urn:uuid:observation")).setEncounter(new Reference("urn:uuid:encounter"));
        return record;
    }

    private static Bundle transaction(Map<String, Resource> entries) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        entries.forEach((urn, resource) -> add(bundle, urn, resource, HTTPVerb.POST, null));
        return bundle;
    }

    private static void add(Bundle bundle, String fullUrl, Resource resource, HTTPVerb method, String ifNoneExist) {
        BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest().setMethod(method).setUrl(resource.fhirType()).setIfNoneExist(ifNoneExist);
    }

    private static Response send(String token, Bundle bundle, String idempotencyKey) {
        var request = given().auth()
                .oauth2(token)
                .contentType("application/fhir+json")
                .body(Fhir.json(bundle));
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(RunningExchange.GATEWAY + "/fhir");
    }

    private static List<String> statuses(Bundle response) {
        return response.getEntry().stream()
                .map(e -> e.getResponse().getStatus())
                .toList();
    }

    private static List<String> locations(Bundle response) {
        return response.getEntry().stream()
                .map(e -> e.getResponse().getLocation())
                .toList();
    }

    private static List<String> everythingTypes(String person) {
        Response everything = Fhir.everything(clinic, person);
        if (everything.statusCode() != 200) {
            return List.of();
        }
        return Fhir.bundle(everything.asString()).getEntry().stream()
                .map(e -> e.getResource().fhirType())
                .toList();
    }

    private static Map<String, Long> countByType(List<String> types) {
        return types.stream().collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()));
    }
}
