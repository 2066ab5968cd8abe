package io.chartstream.exchange.directory.web;

import io.chartstream.exchange.directory.domain.DirectoryTypes;
import io.chartstream.exchange.directory.infrastructure.DirectoryCriteria;
import io.chartstream.fhir.FhirProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The search parameters the directory answers: {@code identifier} (token: {@code system|value},
 * {@code |value} for no system, {@code value} for any system, {@code system|} for any value;
 * repeated = all must match), {@code name} (Organization, Location, Practitioner: a
 * case-insensitive prefix of a name, alias or name part), {@code _count} (default 100, at most
 * 500) and {@code _offset}. Another parameter is a 400, not silently ignored: a client that thinks
 * it filtered must not get everything.
 */
record DirectorySearches(DirectoryCriteria criteria, int count, int offset) {

    static final int DEFAULT_COUNT = 100;
    static final int MAX_COUNT = 500;

    static DirectorySearches of(String resourceType, Map<String, List<String>> query) {
        List<DirectoryCriteria.Token> identifiers = new ArrayList<>();
        String name = null;
        int count = DEFAULT_COUNT;
        int offset = 0;
        for (var parameter : query.entrySet()) {
            List<String> values = parameter.getValue();
            switch (parameter.getKey()) {
                case "identifier" -> values.forEach(v -> identifiers.add(token(v)));
                case "name" -> {
                    if (DirectoryTypes.PRACTITIONER_ROLE.equals(resourceType)) {
                        throw FhirProblem.invalid("PractitionerRole has no name search parameter");
                    }
                    if (values.size() != 1 || values.get(0).isBlank()) {
                        throw FhirProblem.invalid("name is searched once, with a value");
                    }
                    name = values.get(0).strip().toLowerCase(Locale.ROOT);
                }
                case "_count" -> count = number("_count", values, 0, MAX_COUNT);
                case "_offset" -> offset = number("_offset", values, 0, Integer.MAX_VALUE);
                default -> {
                    if (!parameter.getKey().startsWith("_")) {
                        throw FhirProblem.invalid("the directory searches " + resourceType
                                + " by identifier"
                                + (DirectoryTypes.PRACTITIONER_ROLE.equals(resourceType) ? "" : " and name")
                                + ", not " + parameter.getKey());
                    }
                }
            }
        }
        return new DirectorySearches(new DirectoryCriteria(resourceType, identifiers, name), count, offset);
    }

    private static DirectoryCriteria.Token token(String value) {
        int bar = value.indexOf('|');
        if (bar < 0) {
            return new DirectoryCriteria.Token(null, nonBlank(value));
        }
        String system = value.substring(0, bar);
        String code = value.substring(bar + 1);
        if (system.isEmpty() && code.isEmpty()) {
            throw FhirProblem.invalid("identifier needs a system or a value");
        }
        return new DirectoryCriteria.Token(system, code.isEmpty() ? null : code);
    }

    private static String nonBlank(String value) {
        if (value.isBlank()) {
            throw FhirProblem.invalid("identifier needs a value");
        }
        return value;
    }

    private static int number(String parameter, List<String> values, int min, int max) {
        try {
            int n = Integer.parseInt(values.get(values.size() - 1).strip());
            if (n < min) {
                throw FhirProblem.invalid(parameter + " must be at least " + min);
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw FhirProblem.invalid(parameter + " must be a whole number");
        }
    }
}
