package io.chartstream.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

import java.util.List;
import java.util.Set;

/**
 * Whose record a resource belongs to, the way FHIR R4's Patient compartment says it (subject,
 * patient, performer ... per type), read with HAPI: one generic rule for every resource type
 * instead of a switch per type.
 */
public final class PatientCompartment {

    private PatientCompartment() {}

    /** The names of the search parameters that put a resource of {@code resourceType} in a Patient's compartment. */
    public static List<String> params(FhirContext fhir, String resourceType) {
        return fhir.getResourceDefinition(resourceType).getSearchParams().stream()
                .filter(p -> p.getProvidesMembershipInCompartments() != null
                        && p.getProvidesMembershipInCompartments().contains("Patient"))
                .map(RuntimeSearchParam::getName)
                .sorted()
                .toList();
    }

    /** Whether resources of the type belong to a patient at all (a Medication does not). */
    public static boolean applies(FhirContext fhir, String resourceType) {
        return !params(fhir, resourceType).isEmpty();
    }

    /**
     * The Patient references that make {@code resource} part of a patient's record: those of its
     * compartment elements that name a Patient, by their literal reference (a Provenance's targets
     * and an Observation's performers name other things too; HAPI's compartment owners would list
     * them all, and an urn or a resolved in-memory resource is not a literal Patient reference).
     */
    public static List<IIdType> owners(FhirContext fhir, IBaseResource resource) {
        return fhir.newTerser()
                .getCompartmentReferencesForResource("Patient", resource, Set.<String>of())
                .map(IBaseReference::getReferenceElement)
                .filter(id -> id != null && "Patient".equals(id.getResourceType()) && id.hasIdPart())
                .distinct()
                .toList();
    }
}
