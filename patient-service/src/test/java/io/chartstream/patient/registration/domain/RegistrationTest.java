package io.chartstream.patient.registration.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chartstream.patient.registration.domain.Given.ANA;
import static io.chartstream.patient.registration.domain.Given.NATIONAL_ID;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN;
import static io.chartstream.patient.registration.domain.Given.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegistrationTest {

    @Test
    void registrationWithoutIdentifierIsRejected() {
        assertThrows(RegistrationRejected.class, () -> new Registration(RIVERSIDE, List.of(), document(ANA)));
    }

    @Test
    void registrationWithoutOrganizationIsRejected() {
        assertThrows(RegistrationRejected.class, () -> new Registration(" ", List.of(RIVERSIDE_MRN), document(ANA)));
    }

    @Test
    void repeatedIdentifiersCountOnceAndKeepTheirOrder() {
        Registration r = new Registration(
                RIVERSIDE,
                List.of(RIVERSIDE_MRN, NATIONAL_ID, new Identifier(" urn:riverside-clinic:mrn ", "R-1001 ")),
                document(ANA));

        assertEquals(List.of(RIVERSIDE_MRN, NATIONAL_ID), r.identifiers());
    }

    @Test
    void identifierNeedsSystemAndValue() {
        assertThrows(IllegalArgumentException.class, () -> new Identifier("urn:x", "  "));
        assertThrows(IllegalArgumentException.class, () -> new Identifier("", "1"));
    }
}
