package io.chartstream.clinical.entry.web;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import io.chartstream.clinical.entry.domain.EntryType;
import io.chartstream.clinical.entry.domain.FhirJson;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.FhirValidation;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;

/** The FHIR side of an entry, all with HAPI FHIR: parse and validate a body, find its subject, stamp id and version. */
@ApplicationScoped
public class FhirEntries {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final FhirContext fhir;
    private final FhirValidation validation;
    private final EntryLabels labels;

    public FhirEntries(FhirContext fhir, FhirValidation validation, EntryLabels labels) {
        this.fhir = fhir;
        this.validation = validation;
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
        problems.addAll(validation.errors(parsed));
        if (!problems.isEmpty()) {
            throw new InvalidResourceException(problems);
        }
        return (Resource) parsed;
    }

    /** The enterprise person id the entry is about: its subject (AllergyIntolerance: patient) must read {@code Patient/<uuid>}. */
    public UUID subjectOf(EntryType type, Resource resource) {
        String element = type == EntryType.ALLERGY_INTOLERANCE ? "patient" : "subject";
        Reference subject = switch (type) {
            case OBSERVATION -> ((Observation) resource).getSubject();
            case CONDITION -> ((Condition) resource).getSubject();
            case MEDICATION_REQUEST -> ((MedicationRequest) resource).getSubject();
            case ALLERGY_INTOLERANCE -> ((AllergyIntolerance) resource).getPatient();
        };
        String expected = type.resourceType() + "." + element + " must reference Patient/<enterprise person id>";
        if (subject == null || !subject.hasReference()) {
            throw FhirProblem.unprocessable(expected + ", it has no reference");
        }
        IIdType id = subject.getReferenceElement();
        if (!"Patient".equals(id.getResourceType()) || id.hasBaseUrl() || id.hasVersionIdPart() || !id.hasIdPart()) {
            throw FhirProblem.unprocessable(expected + ", not " + subject.getReference());
        }
        try {
            return UUID.fromString(id.getIdPart());
        } catch (IllegalArgumentException e) {
            throw FhirProblem.unprocessable(expected + ", and " + id.getIdPart() + " is not an enterprise person id");
        }
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

    /** Stored JSON (jsonb reorders keys) parsed and encoded again by HAPI, in FHIR's usual element order. */
    public String reencode(String storedJson) {
        return fhir.newJsonParser().encodeResourceToString(fhir.newJsonParser().parseResource(storedJson));
    }

    public Resource parseStored(String storedJson) {
        return (Resource) fhir.newJsonParser().parseResource(storedJson);
    }
}
