package io.chartstream.clinical.entry.domain;

import io.chartstream.contracts.clinical.ClinicalContracts;

import java.util.Optional;

/**
 * The kind of a clinical entry, named by its FHIR R4 resource type: one of the clinical record's
 * types ({@link ClinicalContracts#ENTRY_TYPES}), every one recorded the same way.
 */
public record EntryType(String resourceType) {

    public EntryType {
        if (!ClinicalContracts.isEntryType(resourceType)) {
            throw new IllegalArgumentException(resourceType + " is not a clinical entry type");
        }
    }

    public static Optional<EntryType> ofResourceType(String resourceType) {
        return ClinicalContracts.isEntryType(resourceType)
                ? Optional.of(new EntryType(resourceType))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return resourceType;
    }
}
