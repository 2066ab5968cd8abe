package io.chartstream.exchange.gateway.application;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegistrationAnswersTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final UUID PERSON = UUID.fromString("3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001");

    @Test
    void aNewRegistrationNamesThePersonInItsLocation() {
        assertEquals(
                Optional.of(PERSON),
                RegistrationAnswers.personOf("http://gw/fhir/Patient/" + PERSON + "/_history/1", null, FHIR));
    }

    @Test
    void aMatchWithoutLocationNamesThePersonInThePatientItCarries() {
        String body = "{\"resourceType\":\"Patient\",\"id\":\"" + PERSON + "\"}";
        assertEquals(Optional.of(PERSON), RegistrationAnswers.personOf(null, body, FHIR));
    }

    @Test
    void anAnswerWithoutAPersonIdNamesNobody() {
        assertEquals(Optional.empty(), RegistrationAnswers.personOf("http://gw/fhir/Patient/owner-id", "{}", FHIR));
        assertEquals(Optional.empty(), RegistrationAnswers.personOf(null, "not json", FHIR));
    }
}
