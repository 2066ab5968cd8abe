package io.chartstream.fhir;

/** The media types a FHIR R4 JSON API speaks. */
public final class FhirMediaTypes {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String FHIR_JSON_UTF8 = "application/fhir+json;charset=utf-8";

    private FhirMediaTypes() {}
}
