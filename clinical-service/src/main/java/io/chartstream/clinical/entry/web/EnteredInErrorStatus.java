package io.chartstream.clinical.entry.web;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.codesystems.AllergyintoleranceVerification;
import org.hl7.fhir.r4.model.codesystems.ConditionVerStatus;

import java.util.List;
import java.util.Map;

/**
 * Marks a resource {@code entered-in-error} the way its type says it, with HAPI's generic
 * element access rather than one branch per type: the {@code status} (or Goal's
 * {@code lifecycleStatus}) code when its value set has {@code entered-in-error}, which HAPI's
 * enumeration factories decide (Observation, Encounter, MedicationRequest, DocumentReference,
 * Device ...). Condition and AllergyIntolerance say it in the CodeableConcept
 * {@code verificationStatus}, and FHIR then forbids a {@code clinicalStatus} (invariants con-5,
 * ait-2), so that is removed. A type with no such status (Provenance) is kept as it is.
 */
final class EnteredInErrorStatus {

    static final String CODE = "entered-in-error";

    private static final List<String> STATUS_CODES = List.of("status", "lifecycleStatus");

    /** The code system of each type whose verificationStatus (a CodeableConcept) has the code. */
    private static final Map<String, String> VERIFICATION_SYSTEMS = Map.of(
            "Condition", ConditionVerStatus.ENTEREDINERROR.getSystem(),
            "AllergyIntolerance", AllergyintoleranceVerification.ENTEREDINERROR.getSystem());

    private EnteredInErrorStatus() {}

    /** Marks {@code resource} in place; whether its type has a way to say it. */
    static boolean mark(FhirContext fhir, Resource resource) {
        String system = VERIFICATION_SYSTEMS.get(resource.fhirType());
        if (system != null) {
            CodeableConcept verification = new CodeableConcept();
            verification.addCoding().setSystem(system).setCode(CODE).setDisplay("Entered in Error");
            resource.setProperty("verificationStatus", verification);
            fhir.getResourceDefinition(resource)
                    .getChildByName("clinicalStatus")
                    .getMutator()
                    .setValue(resource, null);
            return true;
        }
        for (String element : STATUS_CODES) {
            Property status = resource.getNamedProperty(element);
            if (status != null && "code".equals(status.getTypeCode())) {
                try {
                    resource.setProperty(element, new CodeType(CODE));
                    return true;
                } catch (FHIRException e) {
                    // this type's status value set has no entered-in-error: the next one, or kept as is
                }
            }
        }
        return false;
    }
}
