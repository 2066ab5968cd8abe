package io.chartstream.exchange.directory.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import io.chartstream.exchange.directory.infrastructure.DirectoryRow;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.FhirValidation;
import io.chartstream.fhir.ParseIssues;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

/** The FHIR side of a directory resource, all with HAPI FHIR: parse and validate, stamp, and what it is searched by. */
@ApplicationScoped
public class DirectoryFhir {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final FhirContext fhir;
    private final FhirValidation validation;

    public DirectoryFhir(FhirContext fhir, FhirValidation validation) {
        this.fhir = fhir;
        this.validation = validation;
    }

    /**
     * The body as a valid resource of {@code resourceType}: 400 when it is not FHIR JSON or is
     * another type; 422 listing every parser and validator finding when it breaks FHIR R4.
     */
    public Resource parseValid(String resourceType, String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("the body must be a FHIR R4 " + resourceType + " in JSON");
        }
        ParseIssues issues = new ParseIssues();
        IBaseResource parsed;
        try {
            parsed = fhir.newJsonParser().setParserErrorHandler(issues).parseResource(body);
        } catch (DataFormatException e) {
            throw FhirProblem.invalid("the body is not valid FHIR R4 JSON: " + e.getMessage());
        }
        String actual = fhir.getResourceType(parsed);
        if (!resourceType.equals(actual)) {
            throw FhirProblem.invalid("this endpoint takes a " + resourceType + ", the body is a " + actual);
        }
        List<String> problems = new ArrayList<>(issues.messages());
        problems.addAll(validation.errors(parsed));
        if (!problems.isEmpty()) {
            throw new InvalidDirectoryResource(problems);
        }
        return (Resource) parsed;
    }

    /** The resource as the directory stores it: id, meta.versionId and meta.lastUpdated set. */
    public String stamp(Resource resource, UUID id, long version, Instant at) {
        resource.setId(id.toString());
        resource.getMeta()
                .setVersionId(Long.toString(version))
                .setLastUpdatedElement(new InstantType(Date.from(at), TemporalPrecisionEnum.MILLI, UTC));
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    /** Stored JSON (jsonb reorders keys) parsed and encoded again, in FHIR's usual element order. */
    public String reencode(String storedJson) {
        return fhir.newJsonParser().encodeResourceToString(fhir.newJsonParser().parseResource(storedJson));
    }

    public Resource parseStored(String storedJson) {
        return (Resource) fhir.newJsonParser().parseResource(storedJson);
    }

    /** Its identifiers that have a value (one without a value cannot be searched for). */
    public List<DirectoryRow.Identifier> identifiers(Resource resource) {
        List<Identifier> identifiers = switch (resource) {
            case Organization o -> o.getIdentifier();
            case Practitioner p -> p.getIdentifier();
            case PractitionerRole r -> r.getIdentifier();
            case Location l -> l.getIdentifier();
            default -> List.of();
        };
        Set<DirectoryRow.Identifier> keys = new LinkedHashSet<>();
        for (Identifier identifier : identifiers) {
            if (identifier.hasValue()) {
                keys.add(new DirectoryRow.Identifier(identifier.getSystem(), identifier.getValue()));
            }
        }
        return List.copyOf(keys);
    }

    /** Every name, alias and name part in lower case, for FHIR's string search (case-insensitive prefix). */
    public List<String> names(Resource resource) {
        Set<String> names = new LinkedHashSet<>();
        switch (resource) {
            case Organization o -> {
                add(names, o.getName());
                o.getAlias().stream().map(StringType::getValue).forEach(a -> add(names, a));
            }
            case Location l -> {
                add(names, l.getName());
                l.getAlias().stream().map(StringType::getValue).forEach(a -> add(names, a));
            }
            case Practitioner p -> {
                for (HumanName name : p.getName()) {
                    add(names, name.getText());
                    add(names, name.getFamily());
                    name.getGiven().forEach(g -> add(names, g.getValue()));
                    add(names, name.getNameAsSingleString());
                }
            }
            default -> {}
        }
        return List.copyOf(names);
    }

    private static void add(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name.strip().toLowerCase(Locale.ROOT));
        }
    }
}
