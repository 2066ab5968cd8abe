package io.chartstream.patient.registration.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentifierVetoTest {

    private static final Identifier RIVERSIDE_1 = new Identifier("urn:riverside-clinic:mrn", "R-1001");
    private static final Identifier RIVERSIDE_2 = new Identifier("urn:riverside-clinic:mrn", "R-2002");
    private static final Identifier ST_MARYS = new Identifier("urn:st-marys-hospital:mrn", "SM-77");

    @Test
    void anotherValueOfTheSameSystemDisagrees() {
        assertTrue(IdentifierVeto.disagree(List.of(ST_MARYS, RIVERSIDE_2), List.of(RIVERSIDE_1)));
    }

    @Test
    void identifiersOfDifferentSystemsSayNothing() {
        assertFalse(IdentifierVeto.disagree(List.of(ST_MARYS), List.of(RIVERSIDE_1)));
    }

    @Test
    void oneSharedValueOfTheSystemAgreesEvenBesideAnother() {
        // a person once given two MRNs by one hospital, the submission naming one of them
        assertFalse(IdentifierVeto.disagree(List.of(RIVERSIDE_1), List.of(RIVERSIDE_1, RIVERSIDE_2)));
    }

    @Test
    void nothingKnownIsNoVeto() {
        assertFalse(IdentifierVeto.disagree(List.of(RIVERSIDE_1), List.of()));
    }
}
