package io.chartstream.exchange.directory.application;

import io.chartstream.exchange.directory.infrastructure.DirectoryRow;
import io.chartstream.fhir.FhirProblem;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The one search a conditional create ({@code If-None-Exist}) and a conditional reference
 * ({@code Organization?identifier=...}) may name here: {@code identifier=system|value}, both parts
 * present, since identifiers are the directory's key and a value alone could belong to any
 * assigning authority.
 */
record ConditionalQuery(DirectoryRow.Identifier identifier) {

    private static final String PARAMETER = "identifier=";

    /** {@code query}: the part after the {@code ?} (a leading {@code ?} is accepted). */
    static ConditionalQuery parse(String query) {
        String q = query == null ? "" : query.strip();
        if (q.startsWith("?")) {
            q = q.substring(1);
        }
        if (!q.startsWith(PARAMETER) || q.contains("&")) {
            throw unsupported(query);
        }
        String token = decode(q.substring(PARAMETER.length()));
        int bar = token.indexOf('|');
        if (bar <= 0 || bar == token.length() - 1) {
            throw unsupported(query);
        }
        return new ConditionalQuery(new DirectoryRow.Identifier(token.substring(0, bar), token.substring(bar + 1)));
    }

    private static FhirProblem unsupported(String query) {
        return FhirProblem.invalid(
                "the directory matches a conditional create or reference by identifier=system|value only, not "
                        + query);
    }

    /** Percent-escapes are decoded; a '+' stays a '+' (identifier values may hold one). */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FhirProblem.invalid("the query has a broken percent-escape: " + s);
        }
    }
}
