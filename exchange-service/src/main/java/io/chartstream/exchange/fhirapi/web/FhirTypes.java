package io.chartstream.exchange.fhirapi.web;

import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.fhir.FhirProblem;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The FHIR resource types the gateway serves, in one place: the write paths match
 * {@link #ENTRY_PATTERN}, reads by id accept {@link #READABLE}, and the CapabilityStatement
 * lists these and nothing else.
 */
public final class FhirTypes {

    public static final String PATIENT = "Patient";
    /** Clinical entries (owned by clinical-service), as a JAX-RS path regex. */
    public static final String ENTRY_PATTERN = ClinicalContracts.ENTRY_TYPE_PATTERN;

    public static final List<String> ENTRIES = ClinicalContracts.ENTRY_TYPES;
    public static final List<String> READABLE =
            Stream.concat(Stream.of(PATIENT), ENTRIES.stream()).toList();

    private FhirTypes() {}

    /** A patient id at the gateway is an enterprise person id; anything else is a 400. */
    public static UUID personId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw FhirProblem.invalid("a patient id is an enterprise person id (a UUID): " + id);
        }
    }
}
