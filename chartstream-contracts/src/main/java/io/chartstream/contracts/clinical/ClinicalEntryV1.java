package io.chartstream.contracts.clinical;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.PersonalData;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * The data of every {@code chartstream.clinical.events} event: the entry's whole FHIR resource at
 * the version the event creates ({@code id} = entryId, {@code meta.versionId} = stream version),
 * so a consumer never needs an earlier event to show it. {@code practitioner} may be absent.
 */
public record ClinicalEntryV1(
        UUID entryId,
        @SubjectId UUID personId,
        String organization,
        String practitioner,
        String resourceType,
        @PersonalData ObjectNode resource) {

    public ClinicalEntryV1 {
        ContractViolation.required(entryId, "entryId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(resourceType, "resourceType");
        ContractViolation.required(resource, "resource");
    }
}
