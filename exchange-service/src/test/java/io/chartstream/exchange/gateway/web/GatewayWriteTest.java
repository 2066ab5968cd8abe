package io.chartstream.exchange.gateway.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.gateway.application.IdempotencyExpiry;
import io.chartstream.exchange.gateway.infrastructure.ServiceToken;
import io.chartstream.exchange.organization.application.DemoOrganizations;
import io.chartstream.exchange.support.FakeOwners;
import io.chartstream.fhir.ActingParty;
import io.chartstream.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes through the gateway, forwarded to {@link FakeOwners}: a real HTTP server that plays the
 * owning services and records what they receive.
 */
@QuarkusTest
class GatewayWriteTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String FHIR_JSON = "application/fhir+json";

    static String patientJson(String mrn) {
        Patient p = new Patient();
        p.addIdentifier().setSystem("urn:chartstream:riverside-clinic:mrn").setValue(mrn);
        p.addName(new HumanName().setFamily("Okafor").addGiven("Chidi"));
        return FHIR.newJsonParser().encodeResourceToString(p);
    }

    /** POST /fhir/Patient with {@code body} as the caller {@code token}, under {@code Idempotency-Key} {@code key}. */
    static Response createPatient(String token, String key, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(FHIR_JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/fhir/Patient");
    }

    static FakeOwners.Call lastCall() {
        return FakeOwners.CALLS.get(FakeOwners.CALLS.size() - 1);
    }

    @Test
    void aResourceLargerThanOneEventCanCarryIsRefusedWith413BeforeAnythingIsForwarded() {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addNote().setText("x".repeat(700 * 1024));
        o.addNote().setText("y".repeat(700 * 1024));
        int before = FakeOwners.CALLS.size();

        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .contentType(FHIR_JSON)
                .body(FHIR.newJsonParser().encodeResourceToString(o))
                .when()
                .post("/fhir/Observation")
                .then()
                .statusCode(413)
                .contentType(startsWith(FHIR_JSON))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("too-long"))
                .body("issue[0].diagnostics", org.hamcrest.Matchers.containsString("the limit is 524288 bytes"));
        assertEquals(before, FakeOwners.CALLS.size(), "nothing reached an owner");

        // the same body sent chunked, without a Content-Length
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .contentType(FHIR_JSON)
                .body(new java.io.ByteArrayInputStream(FHIR.newJsonParser()
                        .encodeResourceToString(o)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .when()
                .post("/fhir/Observation")
                .then()
                .statusCode(413)
                .body("issue[0].code", equalTo("too-long"));
        assertEquals(before, FakeOwners.CALLS.size(), "nothing reached an owner");
    }

    @Test
    void patientCreateIsForwardedWithTheExchangeTokenAndTheActingOrganization() {
        String body = patientJson("MRN-" + UUID.randomUUID());
        int before = FakeOwners.CALLS.size();

        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .contentType(FHIR_JSON)
                .body(body)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(201)
                .header("ETag", "W/\"1\"")
                .header("X-ChartStream-Position", startsWith("patient-service/"))
                .header("Location", startsWith("http://localhost:"))
                .header("Location", org.hamcrest.Matchers.endsWith("/fhir/Patient/owner-id/_history/1"))
                .body("resourceType", equalTo("Patient"));

        assertEquals(before + 1, FakeOwners.CALLS.size());
        FakeOwners.Call call = lastCall();
        assertEquals("POST", call.method());
        assertEquals("/fhir/Patient", call.path());
        assertEquals(body, call.body());
        assertEquals("riverside-clinic", call.header(ActingParty.ORGANIZATION_HEADER));
        assertEquals("dr.rivera", call.header("X-ChartStream-Actor"));
        // the directory's assigning authorities of the organization: only they may link the registration
        assertEquals(
                DemoOrganizations.RIVERSIDE_MRN + "," + DemoOrganizations.SYNTHEA_MRN,
                call.header(ActingParty.ASSIGNING_AUTHORITIES_HEADER));
        String serviceToken = call.header("Authorization").substring("Bearer ".length());
        String claims = new String(Base64.getUrlDecoder().decode(serviceToken.split("\\.")[1]));
        assertTrue(claims.contains("internal-service"), claims);
        assertTrue(
                FakeOwners.TOKEN_REQUESTS.stream().anyMatch(t -> t.contains("grant_type=client_credentials")),
                FakeOwners.TOKEN_REQUESTS.toString());
    }

    @Test
    void clinicalWritesGoToTheClinicalOwnerWithIfMatchAndIfNoneExist() {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        String body = FHIR.newJsonParser().encodeResourceToString(o);

        given().auth()
                .oauth2(TestTokens.orgSystem("st-marys-hospital"))
                .contentType(FHIR_JSON)
                .header("If-None-Exist", "identifier=lab|1")
                .body(body)
                .when()
                .post("/fhir/Observation")
                .then()
                .statusCode(201)
                .header("X-ChartStream-Position", startsWith("clinical-service/"));
        assertEquals("/fhir/Observation", lastCall().path());
        assertEquals("identifier=lab|1", lastCall().header("If-None-Exist"));
        assertEquals("st-marys-hospital", lastCall().header(ActingParty.ORGANIZATION_HEADER));

        given().auth()
                .oauth2(TestTokens.clinician("dr.chen", "st-marys-hospital"))
                .contentType(FHIR_JSON)
                .header("If-Match", "W/\"0\"")
                .body(body)
                .when()
                .put("/fhir/Observation/{id}", "e-1")
                .then()
                .statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"));
        assertEquals("PUT", lastCall().method());
        assertEquals("/fhir/Observation/e-1", lastCall().path());
        assertEquals("W/\"0\"", lastCall().header("If-Match"));
    }

    @Test
    void deleteIsForwardedToTheClinicalOwnerWithIfMatchAndAnswersTheOwnersStatus() {
        String entry = UUID.randomUUID().toString();

        given().auth()
                .oauth2(TestTokens.clinician("dr.chen", "st-marys-hospital"))
                .when()
                .delete("/fhir/Observation/{id}", entry)
                .then()
                .statusCode(200)
                .header("X-ChartStream-Position", startsWith("clinical-service/"));
        assertEquals("DELETE", lastCall().method());
        assertEquals("/fhir/Observation/" + entry, lastCall().path());
        assertEquals("st-marys-hospital", lastCall().header(ActingParty.ORGANIZATION_HEADER));
        assertEquals(null, lastCall().header("If-Match"));

        given().auth()
                .oauth2(TestTokens.orgSystem("st-marys-hospital"))
                .header("If-Match", "W/\"0\"")
                .when()
                .delete("/fhir/Condition/{id}", entry)
                .then()
                .statusCode(412)
                .body("resourceType", equalTo("OperationOutcome"));
        assertEquals("W/\"0\"", lastCall().header("If-Match"));
        assertEquals("/fhir/Condition/" + entry, lastCall().path());
    }

    @Test
    void aRetriedDeleteUnderItsIdempotencyKeyIsAnsweredWithoutCallingTheOwnerAgain() {
        String key = UUID.randomUUID().toString();
        String entry = UUID.randomUUID().toString();
        String token = TestTokens.orgSystem("riverside-clinic");
        int before = FakeOwners.CALLS.size();

        Response first = given().auth()
                .oauth2(token)
                .header("Idempotency-Key", key)
                .when()
                .delete("/fhir/Observation/{id}", entry);
        Response retry = given().auth()
                .oauth2(token)
                .header("Idempotency-Key", key)
                .when()
                .delete("/fhir/Observation/{id}", entry);
        Response anotherEntryUnderTheKey = given().auth()
                .oauth2(token)
                .header("Idempotency-Key", key)
                .when()
                .delete("/fhir/Observation/{id}", UUID.randomUUID());

        assertEquals(200, first.statusCode());
        assertEquals(200, retry.statusCode());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(first.header("X-ChartStream-Position"), retry.header("X-ChartStream-Position"));
        assertEquals(422, anotherEntryUnderTheKey.statusCode());
        assertEquals(before + 1, FakeOwners.CALLS.size());
    }

    @Test
    void deleteNeedsACareRelationshipWithTheEntrysPerson() {
        UUID person = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        String clinic = "riverside-" + UUID.randomUUID().toString().substring(0, 8);
        io.chartstream.exchange.support.RecordEvents.publish(
                io.chartstream.exchange.support.RecordEvents.patientRegistered(person, clinic, "MRN-D"));
        String recorded = io.chartstream.exchange.support.RecordEvents.publish(
                io.chartstream.exchange.support.RecordEvents.observationRecorded(person, clinic, entry, 6.0));
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", clinic))
                .header("X-ChartStream-After", recorded)
                .when()
                .get("/fhir/Observation/{id}", entry)
                .then()
                .statusCode(200);
        int before = FakeOwners.CALLS.size();

        given().auth()
                .oauth2(TestTokens.clinician(
                        "dr.chen", "northside-" + UUID.randomUUID().toString().substring(0, 8)))
                .when()
                .delete("/fhir/Observation/{id}", entry)
                .then()
                .statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"));
        given().auth()
                .oauth2(TestTokens.patient("alice", person.toString()))
                .when()
                .delete("/fhir/Observation/{id}", entry)
                .then()
                .statusCode(403);
        assertEquals(before, FakeOwners.CALLS.size(), "a refused delete never reaches the owner");

        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", clinic))
                .when()
                .delete("/fhir/Observation/{id}", entry)
                .then()
                .statusCode(200);
        assertEquals("DELETE", lastCall().method());
    }

    @Test
    void retryWithTheSameIdempotencyKeyGetsTheStoredAnswerWithoutCallingTheOwnerAgain() {
        String key = UUID.randomUUID().toString();
        String body = patientJson("MRN-" + key);
        String token = TestTokens.orgSystem("riverside-clinic");
        int before = FakeOwners.CALLS.size();

        Response first = createPatient(token, key, body);
        Response retry = createPatient(token, key, body);

        assertEquals(201, first.statusCode());
        assertEquals(201, retry.statusCode());
        assertEquals(before + 1, FakeOwners.CALLS.size());
        assertEquals(first.header("X-ChartStream-Position"), retry.header("X-ChartStream-Position"));
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.body().asString(), retry.body().asString());
        assertEquals("true", retry.header("Idempotent-Replayed"));
    }

    @Inject
    IdempotencyExpiry idempotencyExpiry;

    @Test
    void anExpiredIdempotencyKeyIsForgottenWithItsStoredAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = patientJson("MRN-" + key);
        String token = TestTokens.orgSystem("riverside-clinic");
        int before = FakeOwners.CALLS.size();
        createPatient(token, key, body).then().statusCode(201);

        assertEquals(0, idempotencyExpiry.forgetExpired(Instant.now()), "within 24 h it is kept");
        assertTrue(idempotencyExpiry.forgetExpired(Instant.now().plus(Duration.ofHours(25))) >= 1);

        Response again = createPatient(token, key, body);
        assertEquals(201, again.statusCode());
        assertEquals(null, again.header("Idempotent-Replayed"), "no stored answer left to replay");
        assertEquals(before + 2, FakeOwners.CALLS.size(), "a new request reached the owner");
    }

    /**
     * A create under an Idempotency-Key names its entry's id to the owner, the same each time the
     * same request is forwarded, even after the gateway lost its record of the key (here: expired;
     * in a crash: never written), so the owner records it once. A registration is matched by its
     * identifier instead, and a create without a key names nothing.
     */
    @Test
    void aCreateUnderAKeyNamesTheSameEntryIdToTheOwnerEvenAfterTheGatewayForgotTheKey() throws Exception {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        String body = FHIR.newJsonParser().encodeResourceToString(o);
        String key = UUID.randomUUID().toString();
        String token = TestTokens.orgSystem("st-marys-hospital");

        createObservation(token, key, body).then().statusCode(201);
        String named = lastCall().header(ActingParty.REQUESTED_ID_HEADER);
        assertEquals(named, UUID.fromString(named).toString());
        assertTrue(idempotencyExpiry.forgetExpired(Instant.now().plus(Duration.ofHours(25))) >= 1);
        createObservation(token, key, body).then().statusCode(201);
        assertEquals(named, lastCall().header(ActingParty.REQUESTED_ID_HEADER));

        createObservation(token, UUID.randomUUID().toString(), body).then().statusCode(201);
        assertTrue(!named.equals(lastCall().header(ActingParty.REQUESTED_ID_HEADER)), "another key, another entry");
        createObservation(token, null, body).then().statusCode(201);
        assertEquals(null, lastCall().header(ActingParty.REQUESTED_ID_HEADER));
        createPatient(token, UUID.randomUUID().toString(), patientJson("MRN-N"))
                .then()
                .statusCode(201);
        assertEquals(null, lastCall().header(ActingParty.REQUESTED_ID_HEADER));
    }

    private static Response createObservation(String token, String key, String body) {
        var request = given().auth().oauth2(token).contentType(FHIR_JSON).body(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.when().post("/fhir/Observation");
    }

    @Test
    void sameIdempotencyKeyWithADifferentBodyIsUnprocessable() {
        String key = UUID.randomUUID().toString();
        String token = TestTokens.orgSystem("riverside-clinic");
        createPatient(token, key, patientJson("A")).then().statusCode(201);
        int before = FakeOwners.CALLS.size();
        createPatient(token, key, patientJson("B"))
                .then()
                .statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"));
        assertEquals(before, FakeOwners.CALLS.size());
        // Keys are per organization: another organization may use the same one.
        createPatient(TestTokens.orgSystem("st-marys-hospital"), key, patientJson("B"))
                .then()
                .statusCode(201);
    }

    @Test
    void ownerThatIsDownAnswers503WithRetryAfterAndTheKeyCanBeRetried() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = patientJson("MRN-down");
        String token = TestTokens.clinician("dr.rivera", "riverside-clinic");
        FakeOwners.goDown();
        try {
            createPatient(token, key, body)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].code", equalTo("transient"));
        } finally {
            FakeOwners.comeBack();
        }
        createPatient(token, key, body).then().statusCode(201);
    }

    @Inject
    ServiceToken serviceToken;

    @Test
    void identityProviderThatIsDownAnswers503AndTheOwnerIsNotCalled() throws Exception {
        int before = FakeOwners.CALLS.size();
        FakeOwners.keycloakDown();
        serviceToken.invalidate();
        try {
            given().auth()
                    .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                    .contentType(FHIR_JSON)
                    .body(patientJson("MRN-kc"))
                    .when()
                    .post("/fhir/Patient")
                    .then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .body("resourceType", equalTo("OperationOutcome"));
        } finally {
            FakeOwners.keycloakBack();
        }
        assertEquals(before, FakeOwners.CALLS.size());
        given().auth()
                .oauth2(TestTokens.clinician("dr.rivera", "riverside-clinic"))
                .contentType(FHIR_JSON)
                .body(patientJson("MRN-kc"))
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(201);
    }

    @Test
    void writesNeedAClinicianOrOrgSystemOfAnOrganization() {
        String body = patientJson("MRN-x");
        given().contentType(FHIR_JSON)
                .body(body)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.withRoles("orphan", "clinician"))
                .contentType(FHIR_JSON)
                .body(body)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"));
        given().auth()
                .oauth2(TestTokens.patient("alice", UUID.randomUUID().toString()))
                .contentType(FHIR_JSON)
                .body(body)
                .when()
                .post("/fhir/Observation")
                .then()
                .statusCode(403)
                .body("resourceType", equalTo("OperationOutcome"));
        given().auth()
                .oauth2(TestTokens.orgSystem("riverside-clinic"))
                .contentType(FHIR_JSON)
                .when()
                .post("/fhir/Patient")
                .then()
                .statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));
    }
}
