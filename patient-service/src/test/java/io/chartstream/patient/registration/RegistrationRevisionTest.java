package io.chartstream.patient.registration;

import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.fhir.ActingParty;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chartstream.patient.registration.PatientApi.FHIR_JSON;
import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.ST_MARYS;
import static io.chartstream.patient.registration.PatientApi.as;
import static io.chartstream.patient.registration.PatientApi.json;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.read;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * An organization revising its own registration (an HL7 A08 with a new name, address or phone, or
 * a FHIR update), on the real event store: {@code PUT /fhir/Patient/{id}} and the conditional
 * {@code PUT /fhir/Patient?identifier=}, as the gateway calls them.
 */
@QuarkusTest
class RegistrationRevisionTest {

    private static final String RIVERSIDE_MRN = "urn:riverside-clinic:mrn";
    private static final String ST_MARYS_MRN = "urn:st-marys-hospital:mrn";
    private static final String REGISTERED = PatientContracts.PATIENT_REGISTERED.typeName();
    private static final String REVISED = PatientContracts.REGISTRATION_REVISED.typeName();

    @Inject
    PatientEventLog events;

    private static Response put(String organization, String ownSystem, String path, Patient patient) {
        return as(organization)
                .header(ActingParty.ASSIGNING_AUTHORITIES_HEADER, ownSystem)
                .contentType(FHIR_JSON)
                .body(json(patient))
                .when()
                .put(path);
    }

    private static Patient married(Patient registered) {
        Patient married = registered.copy();
        married.getNameFirstRep().setFamily(registered.getNameFirstRep().getFamily() + "-Garcia");
        married.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("555-0142");
        return married;
    }

    @Test
    void theRegistrantRevisesItsRegistrationAndThePersonShowsIt() throws Exception {
        Patient ana = patient(RIVERSIDE_MRN, unique("R"), "Ana", unique("Lopez"), "1980-05-17");
        String personId = parse(register(RIVERSIDE, ana)
                        .then()
                        .statusCode(201)
                        .extract()
                        .response())
                .getIdElement()
                .getIdPart();
        Patient married = married(ana);

        Response revised = put(RIVERSIDE, RIVERSIDE_MRN, "/fhir/Patient/" + personId, married);

        revised.then().statusCode(200).header("X-ChartStream-Position", matchesPattern("patient-service/\\d+"));
        assertEquals(personId, parse(revised).getIdElement().getIdPart());
        assertEquals(List.of(REGISTERED, REVISED), events.typesOf(personId));
        Patient person = parse(read(personId).then().statusCode(200).extract().response());
        assertEquals(
                married.getNameFirstRep().getFamily(), person.getNameFirstRep().getFamily());

        Response again = put(RIVERSIDE, RIVERSIDE_MRN, "/fhir/Patient/" + personId, married);
        again.then().statusCode(200);
        assertNull(again.header("X-ChartStream-Position"), "the same Patient again: no event");
        assertEquals(List.of(REGISTERED, REVISED), events.typesOf(personId));
    }

    @Test
    void anotherOrganizationCannotReviseARegistrationItDoesNotHave() throws Exception {
        Patient ana = patient(RIVERSIDE_MRN, unique("R"), "Ana", unique("Lopez"), "1980-05-17");
        String personId = parse(register(RIVERSIDE, ana)).getIdElement().getIdPart();
        Patient stMarys = married(patient(ST_MARYS_MRN, unique("SM"), "Ana", "Lopez", "1980-05-17"));

        put(ST_MARYS, ST_MARYS_MRN, "/fhir/Patient/" + personId, stMarys)
                .then()
                .statusCode(403)
                .body(containsString("OperationOutcome"))
                .body(containsString("only the organization that registered an identifier"));
        // Riverside's own MRN, sent by St Mary's: not its system, so not its registration either
        put(ST_MARYS, ST_MARYS_MRN, "/fhir/Patient/" + personId, married(ana))
                .then()
                .statusCode(422);
        put(RIVERSIDE, RIVERSIDE_MRN, "/fhir/Patient/" + java.util.UUID.randomUUID(), married(ana))
                .then()
                .statusCode(404)
                .body(containsString("OperationOutcome"));
        assertEquals(List.of(REGISTERED), events.typesOf(personId));
    }

    @Test
    void aConditionalUpdateRevisesAKnownRegistrationAndRegistersAnUnknownOne() throws Exception {
        String mrn = unique("R");
        Patient ana = patient(RIVERSIDE_MRN, mrn, "Ana", unique("Lopez"), "1980-05-17");
        String criterion = "/fhir/Patient?identifier=" + RIVERSIDE_MRN + "|" + mrn;

        Response registered = put(RIVERSIDE, RIVERSIDE_MRN, criterion, ana);
        registered.then().statusCode(201);
        String personId = parse(registered).getIdElement().getIdPart();

        Response revised = put(RIVERSIDE, RIVERSIDE_MRN, criterion, married(ana));
        revised.then().statusCode(200).header("X-ChartStream-Position", matchesPattern("patient-service/\\d+"));
        assertEquals(personId, parse(revised).getIdElement().getIdPart(), "the same person, never re-linked");
        assertEquals(List.of(REGISTERED, REVISED), events.typesOf(personId));

        put(RIVERSIDE, RIVERSIDE_MRN, "/fhir/Patient?identifier=" + RIVERSIDE_MRN + "|" + unique("OTHER"), ana)
                .then()
                .statusCode(422)
                .body(containsString("must be one of the organization's own identifiers the Patient carries"));
    }
}
