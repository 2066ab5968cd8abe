package io.chartstream.patient.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.patient.matching.domain.MatchWeights;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.ST_MARYS;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registrations that only probabilistic matching joins (issue 12), on real PostgreSQL and Kafka. */
@QuarkusTest
class ProbabilisticRegistrationTest {

    private static final String RIVERSIDE_MRN = "urn:riverside-clinic:mrn";
    private static final String ST_MARYS_MRN = "urn:st-marys-hospital:mrn";
    private static final String REGISTERED = PatientContracts.PATIENT_REGISTERED.typeName();
    private static final String LINKED = PatientContracts.IDENTIFIER_LINKED.typeName();
    private static final String REVIEW = PatientContracts.MATCH_REVIEW_REQUESTED.typeName();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    PatientEventLog events;

    @Test
    void aMisspeltNameAndSwappedBirthDateLinkOnPhoneAndAddressWithTheScore() throws Exception {
        String family = unique("Whitfield");
        String phone = unique("617").substring(0, 13).replaceAll("[^0-9]", "1");
        String personId = personId(register(
                RIVERSIDE, living(patient(RIVERSIDE_MRN, unique("R"), "Katherine", family, "1975-11-02"), phone)));

        Response linked = register(
                ST_MARYS, living(patient(ST_MARYS_MRN, unique("SM"), "Katharine", family, "1975-02-11"), phone));

        assertEquals(personId, personId(linked));
        assertEquals(List.of(REGISTERED, LINKED), events.typesOf(personId));
        JsonNode link = JSON.readTree(events.dataOf(personId, 2));
        assertEquals("demographics", link.get("matchedOn").asText());
        assertTrue(link.at("/match/score").asDouble() >= MatchWeights.standard().certain(), link.toString());
        assertEquals("TRANSPOSED", levelOf(link, "BIRTH_DATE"));
        assertEquals("SIMILAR", levelOf(link, "GIVEN"));
    }

    @Test
    void aMarriedNameLinksOnTheGivenNameBirthDateAndHousehold() throws Exception {
        String phone = unique("508").substring(0, 13).replaceAll("[^0-9]", "2");
        String riversidePerson = personId(register(
                RIVERSIDE,
                living(patient(RIVERSIDE_MRN, unique("R"), "Agnieszka", unique("Kowalczyk"), "1969-03-30"), phone)));

        Response answer = register(
                ST_MARYS,
                living(patient(ST_MARYS_MRN, unique("SM"), "Agnieszka", unique("Brennan"), "1969-03-30"), phone));

        assertEquals(riversidePerson, personId(answer));
        assertEquals(List.of(REGISTERED, LINKED), events.typesOf(riversidePerson));
        assertEquals("DIFFERENT", levelOf(JSON.readTree(events.dataOf(riversidePerson, 2)), "FAMILY"));
    }

    @Test
    void aTwinSisterWithoutSsnIsANewPersonAndAReviewThatLinksNothing() throws Exception {
        String phone = unique("509").substring(0, 13).replaceAll("[^0-9]", "3");
        String family = unique("Kowalczyk");
        String riversidePerson = personId(register(
                RIVERSIDE, living(patient(RIVERSIDE_MRN, unique("R"), "Agnieszka", family, "1969-03-30"), phone)));

        Response answer =
                register(ST_MARYS, living(patient(ST_MARYS_MRN, unique("SM"), "Zofia", family, "1969-03-30"), phone));

        String newPerson = personId(answer);
        assertNotEquals(riversidePerson, newPerson);
        assertEquals(List.of(REGISTERED), events.typesOf(riversidePerson), "nothing links St Mary's to the person");
        assertEquals(List.of(REGISTERED, REVIEW), events.typesOf(newPerson));
        JsonNode review = JSON.readTree(events.dataOf(newPerson, 2));
        assertEquals(riversidePerson, review.get("candidatePersonId").asText());
        assertEquals(newPerson, review.get("personId").asText());
        assertEquals("DIFFERENT", levelOf(review, "GIVEN"));
    }

    private static String levelOf(JsonNode event, String field) {
        for (JsonNode c : event.at("/match/contributions")) {
            if (field.equals(c.get("field").asText())) {
                return c.get("level").asText();
            }
        }
        return null;
    }

    private static Patient living(Patient patient, String phone) {
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.addAddress().addLine("40 Harbor View Lane").setPostalCode("02118");
        return patient;
    }

    private static String personId(Response created) {
        return parse(created.then().statusCode(201).extract().response())
                .getIdElement()
                .getIdPart();
    }
}
