package io.chartstream.clinical.entry.web;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import io.chartstream.clinical.entry.domain.EntryType;
import io.chartstream.clinical.entry.domain.FhirJson;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.ParseIssues;
import io.chartstream.fhir.PatientCompartment;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.UUID;

/** The FHIR side of an entry, all with HAPI FHIR: parse and validate a body, find its subject, stamp id and version. */
@ApplicationScoped
public class FhirEntries {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final FhirContext fhir;
    private final ValidationVerdicts verdicts;
    private final EntryLabels labels;

    public FhirEntries(FhirContext fhir, ValidationVerdicts verdicts, EntryLabels labels) {
        this.fhir = fhir;
        this.verdicts = verdicts;
        this.labels = labels;
    }

    /**
     * The body as a valid resource of {@code type}. 400 when it is not FHIR JSON or is another
     * resource type; 422 listing every parser and validator finding when it breaks FHIR R4.
     */
    public Resource parseValid(EntryType type, String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("the body must be a FHIR R4 " + type.resourceType() + " in JSON");
        }
        ParseIssues issues = new ParseIssues();
        IBaseResource parsed =
                fhir.newJsonParser().setParserErrorHandler(issues).parseResource(body);
        String actual = fhir.getResourceType(parsed);
        if (!type.resourceType().equals(actual)) {
            throw FhirProblem.invalid("this endpoint takes a " + type.resourceType() + ", the body is a " + actual);
        }
        List<String> problems = new ArrayList<>(issues.messages());
        problems.addAll(verdicts.errorsForWrite((Resource) parsed));
        if (!problems.isEmpty()) {
            throw new InvalidResourceException(problems);
        }
        return (Resource) parsed;
    }

    /**
     * A transaction Bundle, parsed as strictly as a single resource (every parser finding a 422
     * issue); its entries are validated one by one ({@link #valid}) so a refusal names the entry.
     */
    public Bundle parseBundle(String body) {
        if (body == null || body.isBlank()) {
            throw FhirProblem.invalid("the body must be a FHIR R4 Bundle in JSON");
        }
        ParseIssues issues = new ParseIssues();
        IBaseResource parsed =
                fhir.newJsonParser().setParserErrorHandler(issues).parseResource(body);
        if (!(parsed instanceof Bundle bundle)) {
            throw FhirProblem.invalid("this endpoint takes a Bundle, the body is a " + fhir.getResourceType(parsed));
        }
        if (!issues.messages().isEmpty()) {
            throw new InvalidResourceException(issues.messages());
        }
        return bundle;
    }

    /**
     * {@code resource} (an entry of a parsed Bundle) when it is a valid {@code type}; 422 with every
     * finding otherwise. Content this service found valid moments ago is not validated again.
     */
    public Resource valid(EntryType type, Resource resource) {
        List<String> problems = verdicts.errorsForWrite(ofType(type, resource));
        if (!problems.isEmpty()) {
            throw new InvalidResourceException(problems);
        }
        return resource;
    }

    /** {@code resource} when it is a {@code type}; 400 when it is another type. */
    private static Resource ofType(EntryType type, Resource resource) {
        if (!type.resourceType().equals(resource.fhirType())) {
            throw FhirProblem.invalid(
                    "expected a " + type.resourceType() + ", the resource is a " + resource.fhirType());
        }
        return resource;
    }

    /**
     * The enterprise person id the entry is about: the Patient its Patient-compartment references
     * (subject, patient, ... as FHIR R4's compartment definition names them for the type) point
     * at, which must be one {@code Patient/<uuid>}. Empty for a type outside the compartment
     * (Medication), which belongs to the person of the entries it came with.
     */
    public Optional<UUID> subjectOf(EntryType type, Resource resource) {
        if (!inPatientCompartment(type)) {
            return Optional.empty();
        }
        String expected = type.resourceType() + " must reference Patient/<enterprise person id>" + " (as "
                + String.join(" or ", compartmentParams(type)) + ")";
        List<IIdType> owners = PatientCompartment.owners(fhir, resource);
        Set<String> persons = new TreeSet<>();
        for (IIdType id : owners) {
            if (id.hasBaseUrl() || id.hasVersionIdPart() || !id.hasIdPart()) {
                throw FhirProblem.unprocessable(expected + ", not " + id.getValue());
            }
            persons.add(id.getIdPart());
        }
        if (persons.isEmpty()) {
            throw FhirProblem.unprocessable(expected + ", it has no such reference");
        }
        if (persons.size() > 1) {
            throw FhirProblem.unprocessable(type.resourceType() + " references several patients ("
                    + String.join(", ", persons) + "); an entry belongs to one person's record");
        }
        String person = persons.iterator().next();
        try {
            return Optional.of(UUID.fromString(person));
        } catch (IllegalArgumentException e) {
            throw FhirProblem.unprocessable(expected + ", and " + person + " is not an enterprise person id");
        }
    }

    /** Whether entries of the type name their person (FHIR R4's Patient compartment has them). */
    public boolean inPatientCompartment(EntryType type) {
        return !compartmentParams(type).isEmpty();
    }

    private List<String> compartmentParams(EntryType type) {
        return PatientCompartment.params(fhir, type.resourceType());
    }

    /**
     * The resource as this service stores it: id = entry id, meta.versionId = version,
     * meta.lastUpdated, and the security labels its codes call for added to the ones the source set
     * (which are never removed).
     */
    public FhirJson stamp(Resource resource, UUID entryId, long version, Instant at) {
        labels.label(resource);
        resource.setId(entryId.toString());
        resource.getMeta()
                .setVersionId(Long.toString(version))
                .setLastUpdatedElement(new InstantType(Date.from(at), TemporalPrecisionEnum.MILLI, UTC));
        return new FhirJson(fhir.newJsonParser().encodeResourceToString(resource));
    }

    /**
     * The stored version {@code storedJson} withdrawn as entered in error, stamped as
     * {@code version}: see {@link EnteredInErrorStatus} for what is marked.
     */
    public FhirJson enteredInError(String storedJson, UUID entryId, long version, Instant at) {
        Resource resource = parseStored(storedJson);
        EnteredInErrorStatus.mark(fhir, resource);
        return stamp(resource, entryId, version, at);
    }

    /** Stored JSON (jsonb reorders keys) parsed and encoded again by HAPI, in FHIR's usual element order. */
    public String reencode(String storedJson) {
        return fhir.newJsonParser().encodeResourceToString(fhir.newJsonParser().parseResource(storedJson));
    }

    public Resource parseStored(String storedJson) {
        return (Resource) fhir.newJsonParser().parseResource(storedJson);
    }
}
