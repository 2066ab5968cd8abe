package io.chartstream.exchange.support;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.consent.PrivacyConsents;
import io.chartstream.fhir.consent.SharingChoices;
import io.chartstream.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static io.chartstream.exchange.support.RecordEvents.observationRecorded;
import static io.chartstream.exchange.support.RecordEvents.patientRegistered;
import static io.chartstream.exchange.support.RecordEvents.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Calls at the gateway that the access tests share: a clinician's reads and operations, a patient's consent. */
public final class GatewayCalls {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String WEBHOOK_SECRET = "hospital-shared-secret";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    /** A person registered by a clinic (an identifier relationship) with one observation. */
    public record Setup(String clinic, UUID person, UUID entry) {}

    private GatewayCalls() {}

    public static Setup personWithAnObservation() {
        String clinic = org("riverside");
        UUID person = UUID.randomUUID();
        UUID entry = UUID.randomUUID();
        publish(patientRegistered(person, clinic, "MRN-" + entry));
        String recorded = publish(observationRecorded(person, clinic, entry, 6.1));
        everything(clinic, person, recorded).statusCode(200);
        return new Setup(clinic, person, entry);
    }

    /** A fresh organization id, so tests do not share views. */
    public static String org(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static ValidatableResponse everything(String org, UUID person, String after) {
        var request = given().auth().oauth2(TestTokens.clinician("dr.x", org));
        if (after != null) {
            request.header("X-ChartStream-After", after);
        }
        return request.when().get("/fhir/Patient/{id}/$everything", person).then();
    }

    public static ValidatableResponse operation(String org, UUID person, String operation, Parameters body) {
        return given().auth()
                .oauth2(TestTokens.clinician("dr.x", org))
                .contentType(FHIR_JSON)
                .body(encode(body))
                .post("/fhir/Patient/{id}/" + operation, person)
                .then();
    }

    public static Parameters reason(String reason) {
        Parameters p = new Parameters();
        p.addParameter().setName("reason").setValue(new StringType(reason));
        return p;
    }

    /** Records the patient's consent with their own token; returns the position to read after. */
    public static String consent(UUID person, SharingChoices choices) {
        return given().auth()
                .oauth2(TestTokens.patient("alice", person.toString()))
                .contentType(FHIR_JSON)
                .body(encode(PrivacyConsents.toFhir(person, choices, new Date())))
                .post("/fhir/Consent")
                .then()
                .statusCode(201)
                .body("resourceType", equalTo("Consent"))
                .extract()
                .header("X-ChartStream-Position");
    }

    /** A new organization whose feed is delivered to the webhook at {@code url}; answers its id. */
    public static String organizationWithWebhook(String url) {
        String org = "hospital-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth()
                .oauth2(TestTokens.withRoles("admin", "hie-admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("id", org, "name", "Test Hospital", "webhookUrl", url, "webhookSecret", WEBHOOK_SECRET))
                .when()
                .post("/admin/organizations")
                .then()
                .statusCode(201);
        return org;
    }

    public static String encode(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }
}
