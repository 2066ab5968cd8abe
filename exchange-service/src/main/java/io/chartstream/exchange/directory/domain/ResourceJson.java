package io.chartstream.exchange.directory.domain;

import java.util.Objects;

/**
 * A directory resource as FHIR R4 JSON text. HAPI FHIR parses and produces it at the edge; the
 * domain carries it without looking inside, so it stays free of any FHIR library.
 */
public record ResourceJson(String json) {

    public ResourceJson {
        Objects.requireNonNull(json, "json");
        if (json.isBlank()) {
            throw new IllegalArgumentException("a FHIR resource cannot be empty");
        }
    }

    @Override
    public String toString() {
        return "ResourceJson[" + json.length() + " chars]";
    }
}
