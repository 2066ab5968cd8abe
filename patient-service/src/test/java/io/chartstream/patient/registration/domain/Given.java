package io.chartstream.patient.registration.domain;

import java.time.LocalDate;
import java.util.List;

/** Test data in the MPI's own words. */
final class Given {

    static final String RIVERSIDE = "riverside-clinic";
    static final String ST_MARYS = "st-marys-hospital";
    static final Identifier RIVERSIDE_MRN = new Identifier("urn:riverside-clinic:mrn", "R-1001");
    static final Identifier RIVERSIDE_MRN_2 = new Identifier("urn:riverside-clinic:mrn", "R-2002");
    static final Identifier ST_MARYS_MRN = new Identifier("urn:st-marys-hospital:mrn", "SM-77");
    static final Identifier NATIONAL_ID = new Identifier("urn:national-id", "123-45-6789");
    static final Demographics ANA = new Demographics(
            "Ana Maria", "Lopez", LocalDate.of(1980, 5, 17), "female", "+1 555 0100", "12 River Road 01101", null);

    /** Katherine as Riverside registered her: her phone and address corroborate a later registration. */
    static final Demographics KATHERINE = new Demographics(
            "Katherine",
            "Whitfield",
            LocalDate.of(1975, 11, 2),
            "female",
            "6175550101",
            "40 Harbor View Lane 02118",
            null);

    private Given() {}

    static PatientDocument document(Demographics demographics) {
        return new PatientDocument("{\"resourceType\":\"Patient\"}", demographics);
    }

    static Registration registration(String organization, Demographics demographics, Identifier... identifiers) {
        return new Registration(organization, List.of(identifiers), document(demographics));
    }
}
