package io.chartstream.clinical.entry.domain;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of clinical entry this service records, named by their FHIR R4 resource type. */
public enum EntryType {
    OBSERVATION("Observation"),
    CONDITION("Condition"),
    MEDICATION_REQUEST("MedicationRequest"),
    ALLERGY_INTOLERANCE("AllergyIntolerance");

    private final String resourceType;

    EntryType(String resourceType) {
        this.resourceType = resourceType;
    }

    public String resourceType() {
        return resourceType;
    }

    public static Optional<EntryType> ofResourceType(String resourceType) {
        return Arrays.stream(values())
                .filter(t -> t.resourceType.equals(resourceType))
                .findFirst();
    }
}
