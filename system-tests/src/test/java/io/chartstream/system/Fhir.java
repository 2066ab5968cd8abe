package io.chartstream.system;

import io.chartstream.testsupport.FhirSamples;
import io.restassured.response.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.util.Date;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** FHIR resources built with HAPI (test-support's {@link FhirSamples}), and the gateway calls the tests make. */
public final class Fhir {

    private static final Pattern LOCATION_ID = Pattern.compile("(Patient|Observation)/([0-9a-f-]{36})");

    /** The MRN systems the demo directory binds to the demo organizations (their assigning authorities). */
    public static final String RIVERSIDE_MRN = "urn:oid:2.16.840.1.113883.3.7001.1";

    public static final String ST_MARYS_MRN = "urn:oid:2.16.840.1.113883.3.7002.1";
    public static final String NORTHSIDE_MRN = "urn:oid:2.16.840.1.113883.3.7003.1";

    private Fhir() {}

    /**
     * A woman as an organization's system registers her: {@link FhirSamples#patient} with a gender
     * and a phone, so that two organizations registering her with the same details are a certain
     * match (name and birth date alone never are).
     */
    public static Patient patient(String system, String mrn, String family, String given, String birthDate) {
        Patient p = lookAlike(system, mrn, family, given, birthDate);
        p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("+1 555 0100");
        return p;
    }

    /** Only what anyone can learn about a person: name, birth date, gender. */
    public static Patient lookAlike(String system, String mrn, String family, String given, String birthDate) {
        Patient p = FhirSamples.patient(system, mrn, given, family, birthDate);
        p.setGender(Enumerations.AdministrativeGender.FEMALE);
        return p;
    }

    /** {@link FhirSamples#glucose}, effective now rather than at the sample's fixed time. */
    public static Observation glucose(String personId, double value) {
        Observation o = FhirSamples.glucose(UUID.fromString(personId), value);
        o.setEffective(new DateTimeType(new Date()));
        return o;
    }

    public static String json(Resource resource) {
        return FhirSamples.json(resource);
    }

    public static Bundle bundle(String json) {
        return FhirSamples.parse(Bundle.class, json);
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
