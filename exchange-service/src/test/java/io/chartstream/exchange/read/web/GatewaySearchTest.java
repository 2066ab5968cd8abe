package io.chartstream.exchange.read.web;

import io.chartstream.eventsourcing.projection.ViewConsistency;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.chartstream.exchange.support.AuditSearch.audit;
import static io.chartstream.exchange.support.RecordEvents.entryAmended;
import static io.chartstream.exchange.support.RecordEvents.entryRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search per type with the parameters clinicians use, paged, and $everything's _since and _type. */
@QuarkusTest
class GatewaySearchTest {

    static final String LOINC = "http://loinc.org";
    static final String OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    @Inject
    OrgViews views;

    @Test
    void observationsAreFoundByCodeCategoryStatusDateAndLastUpdated() throws Exception {
        String org = newOrg();
        UUID person = UUID.randomUUID();
        settle(publish(patientRegistered(person, org, "MRN-S1")));
        UUID lab = UUID.randomUUID();
        UUID vital = UUID.randomUUID();
        UUID february = UUID.randomUUID();
        publish(entryRecorded(
                person,
                org,
                observation(person, lab, "4548-4", "laboratory", "final", new DateTimeType("2024-01-05"))
                        .setMeta(new org.hl7.fhir.r4.model.Meta()
                                .setLastUpdatedElement(new InstantType("2024-01-06T00:00:00Z")))));
        publish(entryRecorded(
                person,
                org,
                observation(
                                person,
                                vital,
                                "8867-4",
                                "vital-signs",
                                "preliminary",
                                new DateTimeType("2024-03-10T10:00:00Z"))
                        .setMeta(new org.hl7.fhir.r4.model.Meta()
                                .setLastUpdatedElement(new InstantType("2025-03-10T10:00:00Z")))));
        settle(publish(entryRecorded(
                person,
                org,
                observation(
                        person,
                        february,
                        "4548-4",
                        "laboratory",
                        "amended",
                        new Period()
                                .setStartElement(new DateTimeType("2024-02-01"))
                                .setEndElement(new DateTimeType("2024-02-28"))))));
        String token = TestTokens.clinician("dr.chen", org);

        assertEquals(Set.of(lab, february), ids(token, "Observation?patient=" + person + "&code=" + LOINC + "|4548-4"));
        assertEquals(Set.of(lab, vital, february), ids(token, "Observation?patient=" + person + "&code=4548-4,8867-4"));
        assertEquals(Set.of(), ids(token, "Observation?patient=" + person + "&code=|4548-4"), "no system");
        assertEquals(
                Set.of(lab, vital, february), ids(token, "Observation?patient=" + person + "&code=" + LOINC + "|"));
        assertEquals(Set.of(lab, february), ids(token, "Observation?patient=" + person + "&category=laboratory"));
        assertEquals(
                Set.of(vital),
                ids(token, "Observation?patient=" + person + "&category=" + OBS_CATEGORY + "|vital-signs"));
        assertEquals(Set.of(lab, february), ids(token, "Observation?patient=" + person + "&status=final,amended"));
        assertEquals(Set.of(lab), ids(token, "Observation?patient=" + person + "&date=2024-01"));
        assertEquals(Set.of(vital, february), ids(token, "Observation?patient=" + person + "&date=ge2024-02-15"));
        assertEquals(Set.of(february), ids(token, "Observation?patient=" + person + "&date=2024-02&status=amended"));
        assertEquals(
                Set.of(), ids(token, "Observation?patient=" + person + "&date=2024-02-10"), "eq: the day holds it all");
        assertEquals(Set.of(lab, february), ids(token, "Observation?patient=" + person + "&date=le2024-02-10"));
        assertEquals(
                Set.of(lab, february),
                ids(token, "Observation?patient=" + person + "&date=ge2024-01-01&date=lt2024-03"),
                "a parameter twice: both hold");
        assertEquals(Set.of(lab), ids(token, "Observation?patient=" + person + "&date=eb2024-02"));
        assertEquals(Set.of(lab), ids(token, "Observation?patient=" + person + "&_lastUpdated=lt2025"));
        assertEquals(
                Set.of(lab, vital, february),
                ids(token, "Observation?subject=Patient/" + person),
                "subject=Patient/<id> stands for patient");
    }

    @Test
    void eachTypeIsSearchedByItsClinicalDateAndItsStatus() throws Exception {
        String org = newOrg();
        UUID person = UUID.randomUUID();
        settle(publish(patientRegistered(person, org, "MRN-S2")));
        UUID condition = UUID.randomUUID();
        UUID prescription = UUID.randomUUID();
        Condition c = new Condition();
        c.setId(condition.toString());
        c.setSubject(new Reference("Patient/" + person));
        c.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "44054006", "Diabetes type 2")));
        c.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        c.setOnset(new DateTimeType("2023-05-14"));
        publish(entryRecorded(person, org, c));
        MedicationRequest m = new MedicationRequest();
        m.setId(prescription.toString());
        m.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setSubject(new Reference("Patient/" + person));
        m.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "860975", null)));
        m.setAuthoredOnElement(new DateTimeType("2024-06-01T09:30:00Z"));
        settle(publish(entryRecorded(person, org, m)));
        String token = TestTokens.clinician("dr.chen", org);

        assertEquals(
                Set.of(condition), ids(token, "Condition?patient=" + person + "&date=2023&clinical-status=active"));
        assertEquals(Set.of(), ids(token, "Condition?patient=" + person + "&date=2024"));
        assertEquals(Set.of(condition), ids(token, "Condition?patient=" + person + "&code=44054006"));
        assertEquals(
                Set.of(prescription),
                ids(token, "MedicationRequest?patient=" + person + "&date=2024-06&status=active"));
        assertEquals(
                Set.of(prescription),
                ids(
                        token,
                        "MedicationRequest?patient=" + person
                                + "&code=http://www.nlm.nih.gov/research/umls/rxnorm|860975"));
        assertEquals(Set.of(), ids(token, "MedicationRequest?patient=" + person + "&date=lt2024-06-01"));
    }

    @Test
    void anUnservedParameterIsRefusedUnlessTheClientAsksForLenientHandling() throws Exception {
        String org = newOrg();
        UUID person = UUID.randomUUID();
        settle(publish(patientRegistered(person, org, "MRN-S3")));
        String token = TestTokens.clinician("dr.chen", org);
        given().auth()
                .oauth2(token)
                .get("/fhir/Observation?patient=" + person + "&performer=Practitioner/1")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("performer is not served for Observation"));
        given().auth()
                .oauth2(token)
                .header("Prefer", "handling=lenient")
                .get("/fhir/Observation?patient=" + person + "&performer=Practitioner/1&status=final")
                .then()
                .statusCode(200)
                .body("link.find { it.relation == 'self' }.url", containsString("status=final"))
                .body("link.find { it.relation == 'self' }.url", not(containsString("performer")));
        for (String bad :
                List.of("&date=yesterday", "&date=ap2024", "&_lastUpdated=2024-13", "&subject=" + person, "&status=")) {
            int status = given().auth()
                    .oauth2(token)
                    .get("/fhir/Observation?patient=" + person + bad)
                    .statusCode();
            assertEquals(bad.equals("&status=") ? 200 : 400, status, bad);
        }
        given().auth().oauth2(token).get("/fhir/Observation?code=4548-4").then().statusCode(400);
        given().auth()
                .oauth2(token)
                .get("/fhir/Patient/{id}/$everything?_foo=1", person)
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(token)
                .get("/fhir/Patient/{id}/$everything?_type=Spaceship", person)
                .then()
                .statusCode(400);
    }

    /**
     * A filtered search in pages: each page is full unless it is the last, and entries written
     * and amended while a client pages never make it see one twice or miss one that was there.
     */
    @Test
    void filteredPagesAreFullAndStableUnderConcurrentWrites() throws Exception {
        String org = newOrg();
        UUID person = UUID.randomUUID();
        settle(publish(patientRegistered(person, org, "MRN-S4")));
        List<UUID> glucose = new ArrayList<>();
        String last = null;
        for (int i = 0; i < 20; i++) {
            UUID id = UUID.randomUUID();
            boolean matches = i % 2 == 0;
            if (matches) {
                glucose.add(id);
            }
            last = publish(entryRecorded(
                    person, org, observation(person, id, matches ? "2345-7" : "8867-4", "laboratory", "final", null)));
        }
        settle(last);
        String token = TestTokens.clinician("dr.chen", org);
        // while the client pages: more glucose results, and amendments of results it has and has not seen
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 6; i++) {
                publish(entryRecorded(
                        person, org, observation(person, UUID.randomUUID(), "2345-7", "laboratory", "final", null)));
                publish(entryAmended(
                        person, org, observation(person, glucose.get(i), "2345-7", "laboratory", "amended", null), 2));
            }
        });
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String url = "/fhir/Observation?patient=" + person + "&code=" + LOINC + "|2345-7&_count=3";
        while (url != null) {
            JsonPath page = page(token, url);
            List<String> ids = entryIds(page);
            seen.addAll(ids);
            sizes.add(ids.size());
            String next = page.getString("link.find { it.relation == 'next' }.url");
            if (next != null) {
                assertTrue(next.contains("code=") && next.contains("_cursor=Observation"), next);
            }
            url = next == null ? null : next.substring(next.indexOf("/fhir/"));
            Thread.sleep(20);
        }
        writes.get();
        assertEquals(seen.size(), new HashSet<>(seen).size(), "none twice: " + seen);
        for (UUID id : glucose) {
            assertTrue(seen.contains(id.toString()), "every result that was there is served: " + id);
        }
        for (int i = 0; i < sizes.size() - 1; i++) {
            assertEquals(3, sizes.get(i), "a page is full unless it is the last: " + sizes);
        }
        audit("patient=" + person + "&subtype=search-type")
                .body("total", equalTo(sizes.size()))
                .body("entry.resource.entity.flatten().what.display", hasItem("Observation?patient"));
    }

    @Test
    void everythingSinceAnInstantAndOfSomeTypesKeepsItsPages() throws Exception {
        String org = newOrg();
        UUID person = UUID.randomUUID();
        settle(publish(patientRegistered(person, org, "MRN-S5")));
        UUID before = UUID.randomUUID();
        settle(publish(entryRecorded(person, org, observation(person, before, "2345-7", "laboratory", "final", null))));
        Thread.sleep(50);
        String since = java.time.Instant.now().toString();
        Thread.sleep(50);
        List<UUID> after = new ArrayList<>();
        String last = null;
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            after.add(id);
            last = publish(entryRecorded(person, org, observation(person, id, "2345-7", "laboratory", "final", null)));
        }
        Condition c = new Condition();
        UUID condition = UUID.randomUUID();
        c.setId(condition.toString());
        c.setSubject(new Reference("Patient/" + person));
        c.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "44054006", null)));
        settle(publish(entryRecorded(person, org, c)));
        settle(last);
        String token = TestTokens.clinician("dr.chen", org);

        List<String> seen = new ArrayList<>();
        String url = "/fhir/Patient/" + person + "/$everything?_since=" + since.replace(":", "%3A") + "&_count=2";
        while (url != null) {
            JsonPath page = page(token, url);
            seen.addAll(entryIds(page));
            String next = page.getString("link.find { it.relation == 'next' }.url");
            if (next != null) {
                assertTrue(next.contains("_since="), next);
            }
            url = next == null ? null : next.substring(next.indexOf("/fhir/"));
        }
        Set<String> expected = new HashSet<>();
        after.forEach(id -> expected.add(id.toString()));
        expected.add(condition.toString());
        assertEquals(expected, new HashSet<>(seen), "only what changed since, neither the Patient nor the first");
        assertEquals(4, seen.size());

        JsonPath types = page(token, "/fhir/Patient/" + person + "/$everything?_type=Condition,Patient");
        assertEquals(List.of("Patient", "Condition"), types.getList("entry.resource.resourceType"));
        assertEquals(2, types.getInt("total"));
        JsonPath both = page(
                token,
                "/fhir/Patient/" + person + "/$everything?_type=Observation&_since=" + since.replace(":", "%3A"));
        assertEquals(3, both.getList("entry").size());
        audit("patient=" + person + "&subtype=operation")
                .body("entry.resource.entity.flatten().what.display", hasItem("Patient/$everything"));
    }

    // helpers

    private Set<UUID> ids(String token, String query) {
        JsonPath page = page(token, "/fhir/" + query);
        List<String> ids = entryIds(page);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "each once: " + ids);
        return ids.stream().map(UUID::fromString).collect(java.util.stream.Collectors.toSet());
    }

    /** The ids of a page's resources (a Bundle without entries has no entry array). */
    static List<String> entryIds(JsonPath page) {
        List<String> ids = page.getList("entry.resource.id");
        return ids == null ? List.of() : ids;
    }

    static JsonPath page(String token, String url) {
        return given().urlEncodingEnabled(false)
                .auth()
                .oauth2(token)
                .get(url.replace("|", "%7C"))
                .then()
                .statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .extract()
                .jsonPath();
    }

    void settle(String position) throws Exception {
        assertTrue(
                views.awaitApplied(ViewConsistency.Position.parse(position), Duration.ofSeconds(20)),
                "the view applied " + position);
    }

    static String newOrg() {
        return "riverside-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Observation observation(UUID person, UUID id, String loinc, String category, String status, Type when) {
        Observation o = new Observation();
        o.setId(id.toString());
        o.setStatus(Observation.ObservationStatus.fromCode(status));
        o.addCategory(new CodeableConcept(new Coding(OBS_CATEGORY, category, null)));
        o.setCode(new CodeableConcept(new Coding(LOINC, loinc, null)));
        o.setSubject(new Reference("Patient/" + person));
        if (when != null) {
            o.setEffective(when);
        }
        return o;
    }
}
