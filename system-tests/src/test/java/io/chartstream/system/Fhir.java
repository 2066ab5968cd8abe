package io.chartstream.system;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** FHIR resources built with HAPI, and the gateway calls the tests make. */
public final class Fhir {

    public static final FhirContext CONTEXT = FhirContext.forR4Cached();
    private static final Pattern LOCATION_ID = Pattern.compile("(Patient|Observation)/([0-9a-f-]{36})");

    private Fhir() {}

    public static Patient patient(String system, String mrn, String family, String given, String birthDate) {
        Patient p = new Patient();
        p.addIdentifier().setSystem(system).setValue(mrn);
        p.addName().setFamily(family).addGiven(given);
        p.setGender(Enumerations.AdministrativeGender.FEMALE);
        p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
        return p;
    }

    public static Observation glucose(String personId, double value) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
        o.setCode(new CodeableConcept()
                .addCoding(new Coding("http://loinc.org", "2345-7", "Glucose [Mass/volume] in Serum or Plasma")));
        o.setSubject(new Reference("Patient/" + personId));
        o.setEffective(new org.hl7.fhir.r4.model.DateTimeType(new Date()));
        o.setValue(new Quantity()
                .setValue(value)
                .setUnit("mg/dL")
                .setSystem("http://unitsofmeasure.org")
                .setCode("mg/dL"));
        return o;
    }

    public static String json(Resource resource) {
        return CONTEXT.newJsonParser().encodeResourceToString(resource);
    }

    public static Bundle bundle(String json) {
        return CONTEXT.newJsonParser().parseResource(Bundle.class, json);
    }

    public static Response post(String token, String type, Resource resource, String idempotencyKey) {
        var request = given().auth()
                .oauth2(token)
                .contentType("application/fhir+json")
                .body(json(resource));
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post(RunningExchange.GATEWAY + "/fhir/" + type);
    }

    /** The id in a create's Location header, or of the resource in its body (a linked or known person). */
    public static String createdId(Response response) {
        String location = response.getHeader("Location");
        if (location != null) {
            Matcher m = LOCATION_ID.matcher(location);
            if (m.find()) {
                return m.group(2);
            }
        }
        String id = response.jsonPath().getString("id");
        if (id == null) {
            throw new AssertionError("no id in the answer: HTTP " + response.statusCode() + " " + response.asString());
        }
        return id;
    }

    public static Response everything(String token, String personId) {
        var request = token == null ? given() : given().auth().oauth2(token);
        return request.when().get(RunningExchange.GATEWAY + "/fhir/Patient/" + personId + "/$everything");
    }
}
