package io.chartstream.patient.registration.web;

import io.chartstream.fhir.FhirProblem;
import io.chartstream.patient.registration.domain.Identifier;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The FHIR {@code identifier} search parameter ({@code system|value}, or a bare {@code value}
 * for any system) and the {@code If-None-Exist} header of a conditional create, which may
 * carry only {@code identifier=system|value} here.
 */
final class IdentifierToken {

    private IdentifierToken() {}

    /** A {@code system|value} token, or empty with a bare value (any system). */
    static Optional<Identifier> parse(String token) {
        if (token == null || token.isBlank()) {
            throw FhirProblem.invalid("the identifier parameter is required, as system|value");
        }
        int bar = token.indexOf('|');
        if (bar < 0) {
            return Optional.empty();
        }
        String system = token.substring(0, bar);
        String value = token.substring(bar + 1);
        if (system.isBlank() || value.isBlank()) {
            throw FhirProblem.invalid("identifier must be system|value with both parts, got '" + token + "'");
        }
        return Optional.of(new Identifier(system, value));
    }

    static Optional<Identifier> ifNoneExist(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String query = header.trim();
        query = query.startsWith("Patient?") ? query.substring("Patient?".length()) : query;
        query = query.startsWith("?") ? query.substring(1) : query;
        if (!query.startsWith("identifier=") || query.contains("&")) {
            throw FhirProblem.invalid("If-None-Exist supports only identifier=system|value, got '" + header + "'");
        }
        String token = URLDecoder.decode(query.substring("identifier=".length()), StandardCharsets.UTF_8);
        return Optional.of(parse(token)
                .orElseThrow(() ->
                        FhirProblem.invalid("If-None-Exist needs identifier=system|value, got '" + header + "'")));
    }
}
