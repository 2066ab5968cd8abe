package io.chartstream.exchange.read.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import io.chartstream.exchange.fhirapi.web.FhirTypes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The search parameters the gateway serves per clinical type, with the FHIRPath expressions of
 * HAPI's R4 search parameter definitions: the CapabilityStatement lists these and the search
 * evaluates these, so the two cannot drift. A type has a parameter only where R4 defines it for
 * that type; {@code date} is the type's clinical date: R4's {@code date} where that is one, else
 * the parameters in {@link #CLINICAL_DATE} (R4's MedicationRequest {@code date} is the dosage
 * timing, not when it was prescribed; Condition has no {@code date}).
 */
public final class SearchParameters {

    public enum Kind {
        TOKEN,
        DATE
    }

    /** One served parameter: its name, kind, the FHIRPath it is evaluated with, its R4 definition (if one). */
    public record Parameter(String name, Kind kind, String path, String definition) {}

    /** The R4 parameters that are a type's clinical date where {@code date} is not one (several: either). */
    static final Map<String, List<String>> CLINICAL_DATE = Map.of(
            "Condition", List.of("onset-date", "recorded-date"),
            "MedicationRequest", List.of("authoredon"),
            "MedicationStatement", List.of("effective"),
            "MedicationAdministration", List.of("effective-time"),
            "ImagingStudy", List.of("started"),
            "Goal", List.of("start-date"),
            "Provenance", List.of("recorded"));

    private static final List<String> TOKENS = List.of("category", "code", "status", "clinical-status");
    private static final Map<String, Map<String, Parameter>> SERVED = FhirTypes.ENTRIES.stream()
            .collect(Collectors.toUnmodifiableMap(t -> t, t -> served(FhirContext.forR4Cached(), t)));

    private SearchParameters() {}

    /** The filtering parameters of a clinical type, by name, in the order the CapabilityStatement lists them. */
    public static Map<String, Parameter> of(String type) {
        return SERVED.getOrDefault(type, Map.of());
    }

    /** Whether {@code subject=Patient/<id>} may stand for {@code patient}: R4 defines subject for the type. */
    public static boolean hasSubject(String type) {
        return FhirContext.forR4Cached().getResourceDefinition(type).getSearchParam("subject") != null;
    }

    private static Map<String, Parameter> served(FhirContext fhir, String type) {
        RuntimeResourceDefinition definition = fhir.getResourceDefinition(type);
        Map<String, Parameter> served = new LinkedHashMap<>();
        for (String name : TOKENS) {
            RuntimeSearchParam param = definition.getSearchParam(name);
            if (param != null) {
                served.put(name, new Parameter(name, Kind.TOKEN, param.getPath(), param.getUri()));
            }
        }
        List<RuntimeSearchParam> dates = CLINICAL_DATE.getOrDefault(type, List.of("date")).stream()
                .map(definition::getSearchParam)
                .filter(Objects::nonNull)
                .toList();
        if (!dates.isEmpty()) {
            String path = dates.stream().map(RuntimeSearchParam::getPath).collect(Collectors.joining(" | "));
            String uri = dates.size() == 1 ? dates.get(0).getUri() : null;
            served.put("date", new Parameter("date", Kind.DATE, path, uri));
        }
        return Collections.unmodifiableMap(served);
    }
}
