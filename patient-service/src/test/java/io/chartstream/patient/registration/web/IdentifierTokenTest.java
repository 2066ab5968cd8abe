package io.chartstream.patient.registration.web;

import io.chartstream.fhir.FhirProblem;
import io.chartstream.patient.registration.domain.Identifier;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentifierTokenTest {

    @Test
    void systemAndValueAreSplitAtTheFirstBar() {
        assertEquals(Optional.of(new Identifier("urn:mrn", "A|B")), IdentifierToken.parse("urn:mrn|A|B"));
    }

    @Test
    void bareValueMeansAnySystem() {
        assertEquals(Optional.empty(), IdentifierToken.parse("12345"));
    }

    @Test
    void ifNoneExistIsUrlDecoded() {
        assertEquals(
                Optional.of(new Identifier("http://hospital.example/mrn", "77")),
                IdentifierToken.ifNoneExist("identifier=http%3A%2F%2Fhospital.example%2Fmrn%7C77"));
        assertEquals(
                Optional.of(new Identifier("urn:mrn", "77")),
                IdentifierToken.ifNoneExist("Patient?identifier=urn:mrn|77"));
    }

    @Test
    void ifNoneExistWithOtherParametersIsRefused() {
        assertThrows(
                FhirProblem.class, () -> IdentifierToken.ifNoneExist("identifier=urn:mrn|77&birthdate=1980-01-01"));
        assertThrows(FhirProblem.class, () -> IdentifierToken.ifNoneExist("family=Lopez"));
        assertThrows(FhirProblem.class, () -> IdentifierToken.ifNoneExist("identifier=77"));
    }
}
