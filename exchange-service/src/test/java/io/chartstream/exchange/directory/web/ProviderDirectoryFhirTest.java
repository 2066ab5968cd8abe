package io.chartstream.exchange.directory.web;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.exchange.DirectoryResourceV1;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.testsupport.TestTokens;
import io.chartstream.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory's FHIR REST on the real PostgreSQL and Kafka: create, conditional create, read, search, update, roles. */
@QuarkusTest
class ProviderDirectoryFhirTest {

    static final String FHIR_JSON = "application/fhir+json";
    static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    static final String SYNTHEA = "https://github.com/synthetichealth/synthea";

    static final String CLINICIAN = TestTokens.clinician("dr.rivera", "riverside-clinic");
    static final String SYSTEM = TestTokens.orgSystem("st-marys-hospital");
    static final String ADMIN = TestTokens.withRoles("admin", "hie-admin");

    static String practitioner(String npi, String family) {
        return "{\"resourceType\":\"Practitioner\",\"identifier\":[{\"system\":\"" + NPI + "\",\"value\":\"" + npi
                + "\"}],\"active\":true,\"name\":[{\"family\":\"" + family
                + "\",\"given\":[\"Amara\"],\"prefix\":[\"Dr.\"]}],\"gender\":\"female\"}";
    }

    static String organization(String syntheaId, String name) {
        return "{\"resourceType\":\"Organization\",\"identifier\":[{\"system\":\"" + SYNTHEA + "\",\"value\":\""
                + syntheaId + "\"}],\"active\":true,\"type\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/organization-type\",\"code\":\"prov\","
                + "\"display\":\"Healthcare Provider\"}]}],\"name\":\"" + name
                + "\",\"address\":[{\"line\":[\"12 River Road\"],\"city\":\"Springfield\",\"state\":\"MA\"}]}";
    }

    static String npi() {
        return Long.toString(1_000_000_000L + (long) (Math.random() * 8_999_999_999L));
    }

    static ExtractableResponse<Response> post(String token, String type, String body, String ifNoneExist) {
        var request = given().auth().oauth2(token).contentType(FHIR_JSON).body(body);
        if (ifNoneExist != null) {
            request.header("If-None-Exist", ifNoneExist);
        }
        return request.when().post("/fhir/" + type).then().extract();
    }

    @Test
    void createAssignsAnIdAndVersionAndIsPublishedKeyedByTheResource() throws Exception {
        String npi = npi();
        var created = post(CLINICIAN, "Practitioner", practitioner(npi, "Chen"), null);
        assertEquals(201, created.statusCode(), created.asString());
        String id = created.path("id");
        UUID.fromString(id);
        assertEquals("1", created.path("meta.versionId"));
        assertEquals(npi, created.path("identifier[0].value"));
        assertTrue(created.header("Location").endsWith("/fhir/Practitioner/" + id + "/_history/1"));
        assertEquals("W/\"1\"", created.header("ETag"));

        given().auth()
                .oauth2(SYSTEM)
                .get("/fhir/Practitioner/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "W/\"1\"")
                .body("resourceType", equalTo("Practitioner"))
                .body("id", equalTo(id))
                .body("name[0].family", equalTo("Chen"))
                .body("meta.lastUpdated", equalTo(created.path("meta.lastUpdated")));
        given().auth()
                .oauth2(ADMIN)
                .get("/fhir/Practitioner/{id}/_history/1", id)
                .then()
                .statusCode(200)
                .body("meta.versionId", equalTo("1"));

        var published = TopicReader.await(Topics.EXCHANGE_EVENTS, r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(
                ExchangeContracts.DIRECTORY_RESOURCE_RECORDED.typeName(),
                TopicReader.header(published.get(0), CloudEventHeaders.TYPE));
        assertEquals(
                "directory-Practitioner-" + id,
                TopicReader.header(published.get(0), CloudEventHeaders.header(CloudEventHeaders.STREAM_ID)));
        DirectoryResourceV1 data =
                ContractJson.read(ExchangeContracts.DIRECTORY_RESOURCE_RECORDED, TopicReader.value(published.get(0)));
        assertEquals("Practitioner", data.resourceType());
        assertEquals(id, data.resourceId());
        assertEquals(
                npi, data.resource().path("identifier").path(0).path("value").asText());
    }

    @Test
    void conditionalCreateReturnsTheOneThatHasTheIdentifierAndWritesNothing() {
        String syntheaId = UUID.randomUUID().toString();
        String condition = "identifier=" + SYNTHEA + "|" + syntheaId;
        var first = post(SYSTEM, "Organization", organization(syntheaId, "Riverside Family Practice"), condition);
        assertEquals(201, first.statusCode(), first.asString());
        var again = post(SYSTEM, "Organization", organization(syntheaId, "Another Name"), condition);
        assertEquals(200, again.statusCode(), again.asString());
        assertEquals(first.path("id"), (String) again.path("id"));
        assertEquals("Riverside Family Practice", again.path("name"));
        assertEquals("W/\"1\"", again.header("ETag"));
        given().auth()
                .oauth2(CLINICIAN)
                .queryParam("identifier", SYNTHEA + "|" + syntheaId)
                .get("/fhir/Organization")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("entry[0].resource.meta.versionId", equalTo("1"));
    }

    @Test
    void conditionalCreateAcceptsAPercentEncodedQuery() {
        String syntheaId = UUID.randomUUID().toString();
        var first = post(SYSTEM, "Organization", organization(syntheaId, "Encoded"), null);
        var again = post(
                SYSTEM,
                "Organization",
                organization(syntheaId, "Encoded"),
                "identifier=https%3A%2F%2Fgithub.com%2Fsynthetichealth%2Fsynthea%7C" + syntheaId);
        assertEquals(200, again.statusCode(), again.asString());
        assertEquals(first.path("id"), (String) again.path("id"));
    }

    @Test
    void conditionalCreateWithSeveralMatchesIsAPreconditionFailure() {
        String npi = npi();
        assertEquals(
                201,
                post(CLINICIAN, "Practitioner", practitioner(npi, "One"), null).statusCode());
        assertEquals(
                201,
                post(CLINICIAN, "Practitioner", practitioner(npi, "Two"), null).statusCode());
        var refused = post(CLINICIAN, "Practitioner", practitioner(npi, "Three"), "identifier=" + NPI + "|" + npi);
        assertEquals(412, refused.statusCode(), refused.asString());
        assertEquals("OperationOutcome", refused.path("resourceType"));
    }

    @Test
    void concurrentConditionalCreatesOfOneIdentifierMakeOneResource() throws Exception {
        String npi = npi();
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Callable<ExtractableResponse<Response>> call = () -> {
                    start.await();
                    return post(SYSTEM, "Practitioner", practitioner(npi, "Race"), "identifier=" + NPI + "|" + npi);
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (var answer : answers) {
                var response = answer.get();
                assertTrue(
                        response.statusCode() == 201 || response.statusCode() == 200,
                        response.statusCode() + " " + response.asString());
                created += response.statusCode() == 201 ? 1 : 0;
                ids.add(response.path("id"));
            }
            assertEquals(1, created, "exactly one conditional create creates");
            assertEquals(1, ids.size(), "every answer names the same resource");
        } finally {
            pool.shutdownNow();
        }
        given().auth()
                .oauth2(SYSTEM)
                .queryParam("identifier", NPI + "|" + npi)
                .get("/fhir/Practitioner")
                .then()
                .body("total", equalTo(1));
    }

    @Test
    void invalidResourceIsUnprocessableWithEveryFinding() {
        String body = practitioner(npi(), "Chen")
                .replace("\"gender\":\"female\"", "\"gender\":\"woman\",\"favouriteColour\":\"blue\"");
        given().auth()
                .oauth2(CLINICIAN)
                .contentType(FHIR_JSON)
                .body(body)
                .post("/fhir/Practitioner")
                .then()
                .statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue.size()", equalTo(2))
                .body("issue.severity", everyItem(equalTo("error")))
                .body("issue.diagnostics.join(' ')", containsString("favouriteColour"))
                .body("issue.diagnostics.join(' ')", containsString("woman"));
    }

    @Test
    void aBodyOfAnotherTypeOrNotJsonIsABadRequest() {
        given().auth()
                .oauth2(CLINICIAN)
                .contentType(FHIR_JSON)
                .body(organization("x", "X"))
                .post("/fhir/Location")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
        given().auth()
                .oauth2(CLINICIAN)
                .contentType(FHIR_JSON)
                .body("{not json")
                .post("/fhir/Location")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
        var unsupported = post(CLINICIAN, "Location", "{\"resourceType\":\"Location\"}", "name=Clinic");
        assertEquals(400, unsupported.statusCode(), unsupported.asString());
    }

    @Test
    void patientsMayNeitherWriteNorReadTheDirectory() {
        String patient = TestTokens.patient("alice", UUID.randomUUID().toString());
        assertEquals(
                403, post(patient, "Organization", organization("p", "P"), null).statusCode());
        String id = post(ADMIN, "Location", "{\"resourceType\":\"Location\",\"name\":\"Ward 3\"}", null)
                .path("id");
        given().auth().oauth2(patient).get("/fhir/Location/{id}", id).then().statusCode(403);
        given().auth().oauth2(patient).get("/fhir/Location").then().statusCode(403);
        given().get("/fhir/Location/{id}", id).then().statusCode(401);
        // auditors read, but do not write
        given().auth()
                .oauth2(TestTokens.withRoles("audrey", "auditor"))
                .get("/fhir/Location/{id}", id)
                .then()
                .statusCode(200);
        assertEquals(
                403,
                post(TestTokens.withRoles("audrey", "auditor"), "Location", "{\"resourceType\":\"Location\"}", null)
                        .statusCode());
    }

    @Test
    void unknownResourcesAndVersionsAreNotFound() {
        given().auth()
                .oauth2(CLINICIAN)
                .get("/fhir/Organization/{id}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
        given().auth()
                .oauth2(CLINICIAN)
                .get("/fhir/Organization/not-a-uuid")
                .then()
                .statusCode(404);
        String id = post(
                        CLINICIAN,
                        "Organization",
                        organization(UUID.randomUUID().toString(), "V"),
                        null)
                .path("id");
        given().auth()
                .oauth2(CLINICIAN)
                .get("/fhir/Organization/{id}/_history/2", id)
                .then()
                .statusCode(404);
    }

    @Test
    void searchFindsByIdentifierAndByNamePrefix() {
        String syntheaId = UUID.randomUUID().toString();
        String name = "Zephyr " + syntheaId.substring(0, 8) + " Clinic";
        String id = post(SYSTEM, "Organization", organization(syntheaId, name), null)
                .path("id");
        given().auth()
                .oauth2(CLINICIAN)
                .queryParam("identifier", SYNTHEA + "|" + syntheaId)
                .get("/fhir/Organization")
                .then()
                .statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("searchset"))
                .body("total", equalTo(1))
                .body("entry[0].fullUrl", endsWith("/fhir/Organization/" + id))
                .body("entry[0].search.mode", equalTo("match"));
        given().auth()
                .oauth2(CLINICIAN)
                .queryParam("identifier", syntheaId)
                .get("/fhir/Organization")
                .then()
                .body("total", equalTo(1));
        given().auth()
                .oauth2(CLINICIAN)
                .queryParam("name", name.substring(0, 14).toUpperCase())
                .get("/fhir/Organization")
                .then()
                .body("total", equalTo(1))
                .body("entry[0].resource.id", equalTo(id));
        given().auth()
                .oauth2(CLINICIAN)
                .queryParam("identifier", SYNTHEA + "|" + UUID.randomUUID())
                .get("/fhir/Organization")
                .then()
                .body("total", equalTo(0))
                .body("entry", equalTo(null));
        given().auth()
                .oauth2(CLINICIAN)
                .queryParam("address", "Springfield")
                .get("/fhir/Organization")
                .then()
                .statusCode(400);
    }

    @Test
    void searchPagesWithANextLink() {
        String family = "Pager" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            post(CLINICIAN, "Practitioner", practitioner(npi(), family), null);
        }
        var first = given().auth()
                .oauth2(CLINICIAN)
                .queryParam("name", family)
                .queryParam("_count", 2)
                .get("/fhir/Practitioner")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("entry", hasSize(2))
                .extract();
        String next = first.path("link.find { it.relation == 'next' }.url");
        assertTrue(next.contains("_offset=2"), next);
        given().auth()
                .oauth2(CLINICIAN)
                .queryParam("name", family)
                .queryParam("_count", 2)
                .queryParam("_offset", 2)
                .get("/fhir/Practitioner")
                .then()
                .body("entry", hasSize(1))
                .body("link.relation", not(org.hamcrest.Matchers.hasItem("next")));
    }

    @Test
    void updateWithIfMatchMakesANewVersionAndAStaleOneIsRefused() {
        String npi = npi();
        var created = post(SYSTEM, "Practitioner", practitioner(npi, "Chen"), null);
        String id = created.path("id");
        String v2 = practitioner(npi, "Chen-Okafor")
                .replace(
                        "{\"resourceType\":\"Practitioner\",",
                        "{\"resourceType\":\"Practitioner\",\"id\":\"" + id + "\",");
        given().auth()
                .oauth2(SYSTEM)
                .contentType(FHIR_JSON)
                .header("If-Match", "W/\"1\"")
                .body(v2)
                .put("/fhir/Practitioner/{id}", id)
                .then()
                .statusCode(200)
                .header("ETag", "W/\"2\"")
                .body("meta.versionId", equalTo("2"))
                .body("name[0].family", equalTo("Chen-Okafor"));
        given().auth()
                .oauth2(SYSTEM)
                .contentType(FHIR_JSON)
                .header("If-Match", "W/\"1\"")
                .body(v2)
                .put("/fhir/Practitioner/{id}", id)
                .then()
                .statusCode(412);
        given().auth()
                .oauth2(SYSTEM)
                .contentType(FHIR_JSON)
                .body(v2)
                .put("/fhir/Practitioner/{id}", id)
                .then()
                .statusCode(428);
        given().auth()
                .oauth2(SYSTEM)
                .contentType(FHIR_JSON)
                .header("If-Match", "W/\"1\"")
                .body(v2)
                .put("/fhir/Practitioner/{id}", UUID.randomUUID())
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(SYSTEM)
                .get("/fhir/Practitioner/{id}/_history/1", id)
                .then()
                .statusCode(200)
                .body("name[0].family", equalTo("Chen"));
        given().auth()
                .oauth2(SYSTEM)
                .queryParam("name", "chen-ok")
                .queryParam("identifier", NPI + "|" + npi)
                .get("/fhir/Practitioner")
                .then()
                .body("total", equalTo(1));
    }

    @Test
    void anOperatorWritesTheDirectoryWithoutAnOrganization() {
        var created = post(
                ADMIN,
                "PractitionerRole",
                "{\"resourceType\":\"PractitionerRole\",\"active\":true,\"code\":[{\"text\":\"General practice\"}]}",
                null);
        assertEquals(201, created.statusCode(), created.asString());
        // a clinician's token without an organization may not
        assertEquals(
                403,
                post(TestTokens.withRoles("nobody", "clinician"), "Location", "{\"resourceType\":\"Location\"}", null)
                        .statusCode());
    }

    @Test
    void theGatewaysOwnReadsStillAnswerTheirTypes() {
        // the gateway's /fhir/{type}/{id} keeps serving clinical types: this read is not the directory's
        given().auth()
                .oauth2(CLINICIAN)
                .get("/fhir/Observation/not-a-uuid")
                .then()
                .statusCode(400)
                .body("issue[0].diagnostics", not(containsString("directory")));
    }
}
