package io.chartstream.clinical.entry.domain;

import io.chartstream.contracts.PersonalData;

import java.util.Objects;

/**
 * A FHIR R4 resource as JSON text. HAPI FHIR parses and produces it at the edge; the domain
 * carries it without looking inside, so it stays free of any FHIR library.
 */
@PersonalData
public record FhirJson(String json) {

    public FhirJson {
        Objects.requireNonNull(json, "json");
        if (json.isBlank()) {
            throw new IllegalArgumentException("a FHIR resource cannot be empty");
        }
    }

    @Override
    public String toString() {
        return "FhirJson[" + json.length() + " chars]"; // never log clinical content by accident
    }
}
