package io.chartstream.patient.registration;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.ActingParty;
import io.chartstream.testsupport.FhirSamples;
import io.chartstream.testsupport.TestTokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** Calls the Patient API as the exchange gateway does: an internal-service token and the acting organization. */
final class PatientApi {

    static final String FHIR_JSON = "application/fhir+json";
    static final String RIVERSIDE = "riverside-clinic";
    static final String ST_MARYS = "st-marys-hospital";
    static final FhirContext FHIR = FhirSamples.FHIR;

    private PatientApi() {}

    static String gatewayToken() {
        return TestTokens.withRoles("service-account-chartstream-exchange", "internal-service");
    }

    /** A Patient as an organization's system sends it, built with HAPI FHIR. */
    static Patient patient(String system, String value, String given, String family, String birthDate) {
        return FhirSamples.patient(system, value, given, family, birthDate);
    }

    /** A unique value, so tests sharing one database never meet by accident. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static String json(Patient patient) {
        return FhirSamples.json(patient);
    }

    static Patient parse(Response response) {
        return FhirSamples.parse(Patient.class, response.asString());
    }

    static RequestSpecification as(String organization) {
        return given().auth()
                .oauth2(gatewayToken())
                .header(ActingParty.ORGANIZATION_HEADER, organization)
                .header(ActingParty.ACTOR_HEADER, "dr.rivera");
    }

    /**
     * Registers as an organization whose assigning authorities are the systems of the Patient's
     * identifiers (the usual case: an organization sends its own MRNs).
     */
    static Response register(String organization, Patient patient) {
        return registerOwning(
                organization,
                patient.getIdentifier().stream()
                        .map(Identifier::getSystem)
                        .distinct()
                        .collect(Collectors.joining(",")),
                patient);
    }

    /** Registers as an organization the directory binds {@code ownSystems} (comma-separated) to. */
    static Response registerOwning(String organization, String ownSystems, Patient patient) {
        return as(organization)
                .header(ActingParty.ASSIGNING_AUTHORITIES_HEADER, ownSystems)
                .contentType(FHIR_JSON)
                .body(json(patient))
                .when()
                .post("/fhir/Patient");
    }

    /** The review queue's open tasks, as the gateway lists them for an administrator. */
    static List<Map<String, Object>> openReviews() {
        return given().auth()
                .oauth2(gatewayToken())
                .get("/match-reviews?count=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    /** An administrator's decision ({@code link}, {@code not-a-match}) on a review task. */
    static Response decideReview(String reviewId, String decision) {
        return given().auth()
                .oauth2(gatewayToken())
                .contentType("application/json")
                .header(ActingParty.ACTOR_HEADER, "admin.ada")
                .body(Map.of("decision", decision))
                .post("/match-reviews/" + reviewId + "/decision");
    }

    static Response read(String personId) {
        return given().auth().oauth2(gatewayToken()).when().get("/fhir/Patient/" + personId);
    }

    /** A new person registered by {@code org} (201), born 1966-01-30; its person id. */
    static String registered(String org, String system, String mrn, String given, String family) {
        String location = register(org, patient(system, mrn, given, family, "1966-01-30"))
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The gateway forwarding an administrator's merge. */
    static Response merge(String survivor, String merged, String reason) {
        return admin().body(Map.of("survivorPersonId", survivor, "mergedPersonId", merged, "reason", reason))
                .post("/person-merges");
    }

    static Response unmerge(String merged, String reason) {
        return admin().body(Map.of("mergedPersonId", merged, "reason", reason)).post("/person-merges/unmerge");
    }

    private static RequestSpecification admin() {
        return given().auth()
                .oauth2(gatewayToken())
                .contentType("application/json")
                .header(ActingParty.ACTOR_HEADER, "admin.ada");
    }
}
