package io.chartstream.exchange.read.application;

import io.chartstream.exchange.fhirapi.web.FhirTypes;
import io.chartstream.fhir.FhirProblem;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * What a search or {@code $everything} asks for besides its page: the person, the types, and the
 * filters, each tested on a resource of the view with HAPI's FHIRPath. Values of one parameter
 * separated by commas are alternatives (OR); a parameter given twice must hold twice (AND). A
 * parameter the gateway does not serve is a 400, or left out when the client asked for lenient
 * handling ({@code Prefer: handling=lenient}); the links then name only what was applied.
 */
public final class SearchCriteria {

    public static final String COUNT = "_count";
    public static final String CURSOR = "_cursor";
    private static final Set<String> PAGING = Set.of(COUNT, CURSOR);

    /** One parameter as given once: its values are alternatives. */
    private record Clause(String name, String value, BiPredicate<Resource, Instant> test) {}

    private final UUID person;
    private final boolean everything;
    private final List<String> types;
    private final List<Clause> clauses;
    private final Instant since;

    private SearchCriteria(UUID person, boolean everything, List<String> types, List<Clause> clauses, Instant since) {
        this.person = person;
        this.everything = everything;
        this.types = types;
        this.clauses = clauses;
        this.since = since;
    }

    /**
     * A search of one clinical type: {@code patient} (or {@code subject=Patient/<id>}) required,
     * then the type's {@link SearchParameters} and {@code _lastUpdated}.
     */
    public static SearchCriteria search(
            FhirPaths paths, String type, Map<String, List<String>> query, boolean lenient) {
        Map<String, SearchParameters.Parameter> served = SearchParameters.of(type);
        UUID person = null;
        List<Clause> clauses = new ArrayList<>();
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            String name = p.getKey();
            for (String value : nonEmpty(p.getValue())) {
                if (name.equals("patient") || (name.equals("subject") && SearchParameters.hasSubject(type))) {
                    person = samePerson(person, patientOf(name, value));
                } else if (name.equals("_lastUpdated")) {
                    clauses.add(lastUpdated(value));
                } else if (served.containsKey(name)) {
                    clauses.add(clause(paths, served.get(name), value));
                } else if (!PAGING.contains(name) && !lenient) {
                    throw FhirProblem.invalid("search parameter " + name + " is not served for " + type
                            + "; served: patient" + (SearchParameters.hasSubject(type) ? ", subject" : "") + ", "
                            + String.join(", ", served.keySet()) + (served.isEmpty() ? "" : ", ")
                            + "_lastUpdated, _count (Prefer: handling=lenient ignores unknown parameters)");
                }
            }
        }
        if (person == null) {
            throw FhirProblem.invalid("search parameter patient is required (" + type + "?patient=<id>)");
        }
        return new SearchCriteria(person, false, List.of(type), List.copyOf(clauses), null);
    }

    /** {@code $everything} of the person: {@code _since} (an instant) and {@code _type} (types, comma-separated). */
    public static SearchCriteria everything(UUID person, Map<String, List<String>> query, boolean lenient) {
        Set<String> types = null;
        Instant since = null;
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            for (String value : nonEmpty(p.getValue())) {
                switch (p.getKey()) {
                    case "_since" -> since = instant(value);
                    case "_type" -> types = alsoIn(types, typesOf(value));
                    default -> {
                        if (!PAGING.contains(p.getKey()) && !lenient) {
                            throw FhirProblem.invalid("parameter " + p.getKey() + " is not served by $everything;"
                                    + " served: _since, _type, _count (Prefer: handling=lenient ignores unknown"
                                    + " parameters)");
                        }
                    }
                }
            }
        }
        return new SearchCriteria(person, true, types == null ? null : List.copyOf(types), List.of(), since);
    }

    public UUID person() {
        return person;
    }

    /** The types searched; null: every type. */
    public List<String> types() {
        return types;
    }

    /** Whether a resource of the view of these types might not match: the view alone cannot count the matches. */
    public boolean filtered() {
        return !clauses.isEmpty() || since != null;
    }

    /** Whether a resource of the view matches; {@code viewUpdatedAt} stands in for a missing meta.lastUpdated. */
    public boolean matches(Resource resource, Instant viewUpdatedAt) {
        if (since != null) {
            // changed in the view since: a new version, or newly disclosed (a relationship, a consent)
            if (lastUpdated(resource, viewUpdatedAt).isBefore(since) && viewUpdatedAt.isBefore(since)) {
                return false;
            }
        }
        for (Clause clause : clauses) {
            if (!clause.test().test(resource, viewUpdatedAt)) {
                return false;
            }
        }
        return true;
    }

    /** The applied parameters as a query, {@code name=value&} each, for the Bundle's links. */
    public String query() {
        StringBuilder query = new StringBuilder();
        if (!everything) {
            query.append("patient=").append(person).append('&');
        }
        if (since != null) {
            query.append("_since=").append(encode(since.toString())).append('&');
        }
        if (everything && types != null) {
            query.append("_type=").append(encode(String.join(",", types))).append('&');
        }
        for (Clause clause : clauses) {
            query.append(clause.name())
                    .append('=')
                    .append(encode(clause.value()))
                    .append('&');
        }
        return query.toString();
    }

    private static List<String> nonEmpty(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    private static UUID patientOf(String name, String value) {
        String id = value.strip();
        if (id.startsWith("Patient/")) {
            id = id.substring("Patient/".length());
        } else if (name.equals("subject")) {
            throw FhirProblem.invalid("subject is a Patient here: subject=Patient/<id>, not " + value);
        }
        return FhirTypes.personId(id);
    }

    private static UUID samePerson(UUID known, UUID asked) {
        if (known != null && !known.equals(asked)) {
            throw FhirProblem.invalid("a search reads one person's record: patient and subject name two people");
        }
        return asked;
    }

    private static Clause clause(FhirPaths paths, SearchParameters.Parameter parameter, String value) {
        List<String> alternatives = List.of(value.split(","));
        return switch (parameter.kind()) {
            case TOKEN -> {
                List<TokenSearch> tokens =
                        alternatives.stream().map(TokenSearch::parse).toList();
                yield new Clause(
                        parameter.name(),
                        value,
                        (r, at) -> paths.evaluate(r, parameter.path()).stream()
                                .anyMatch(e -> tokens.stream().anyMatch(t -> t.matches(e))));
            }
            case DATE -> {
                List<DateSearch.Value> dates = alternatives.stream()
                        .map(v -> DateSearch.parse(parameter.name(), v))
                        .toList();
                yield new Clause(
                        parameter.name(),
                        value,
                        (r, at) -> paths.evaluate(r, parameter.path()).stream()
                                .map(DateSearch::rangesOf)
                                .flatMap(List::stream)
                                .anyMatch(range -> dates.stream().anyMatch(d -> d.matches(range))));
            }
        };
    }

    private static Clause lastUpdated(String value) {
        List<DateSearch.Value> dates = List.of(value.split(",")).stream()
                .map(v -> DateSearch.parse("_lastUpdated", v))
                .toList();
        return new Clause("_lastUpdated", value, (r, viewUpdatedAt) -> {
            DateSearch.Range range = r.getMeta().getLastUpdatedElement().getValue() != null
                    ? DateSearch.Range.of(r.getMeta().getLastUpdatedElement())
                    : DateSearch.Range.at(viewUpdatedAt.toEpochMilli());
            return dates.stream().anyMatch(d -> d.matches(range));
        });
    }

    private static Instant lastUpdated(Resource resource, Instant viewUpdatedAt) {
        InstantType meta = resource.getMeta().getLastUpdatedElement();
        return meta.getValue() != null ? meta.getValue().toInstant() : viewUpdatedAt;
    }

    private static Instant instant(String value) {
        try {
            return new InstantType(value.strip()).getValue().toInstant();
        } catch (RuntimeException e) {
            throw FhirProblem.invalid("_since is an instant (e.g. 2026-01-31T09:00:00Z): " + value);
        }
    }

    private static Set<String> typesOf(String value) {
        Set<String> types = new LinkedHashSet<>();
        for (String type : value.split(",")) {
            String t = type.strip();
            if (!FhirTypes.READABLE.contains(t)) {
                throw FhirProblem.invalid(
                        "_type names the types of the record: " + String.join(", ", FhirTypes.READABLE) + "; not " + t);
            }
            types.add(t);
        }
        return types;
    }

    /** {@code _type} given twice: the types in both. */
    private static Set<String> alsoIn(Set<String> known, Set<String> asked) {
        if (known == null) {
            return asked;
        }
        known.retainAll(asked);
        return known;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
