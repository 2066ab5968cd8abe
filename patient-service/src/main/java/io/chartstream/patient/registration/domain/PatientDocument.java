package io.chartstream.patient.registration.domain;

import java.util.Objects;

/**
 * The FHIR R4 Patient as an organization sent it, kept opaque in the domain (the FHIR JSON
 * produced by HAPI at the edge), with the demographics the edge read from it for matching.
 */
public record PatientDocument(String fhirJson, Demographics demographics) {

    public PatientDocument {
        Objects.requireNonNull(fhirJson, "fhirJson");
        demographics = demographics == null ? Demographics.UNKNOWN : demographics;
    }
}
