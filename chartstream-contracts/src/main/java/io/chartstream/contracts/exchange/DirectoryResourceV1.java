package io.chartstream.contracts.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractViolation;

/**
 * {@code io.chartstream.exchange.DirectoryResourceRecorded.v1} and
 * {@code io.chartstream.exchange.DirectoryResourceAmended.v1}: a resource of the provider directory
 * (FHIR {@code Organization}, {@code Practitioner}, {@code PractitionerRole} or {@code Location}) as
 * the version the event creates ({@code id} = resourceId, {@code meta.versionId} = stream version of
 * {@code directory-<resourceType>-<resourceId>}). Key and subject are the resource id: the directory
 * concerns no person, so nothing here is marked personal data.
 */
public record DirectoryResourceV1(String resourceType, String resourceId, ObjectNode resource) {

    public DirectoryResourceV1 {
        ContractViolation.required(resourceType, "resourceType");
        ContractViolation.required(resourceId, "resourceId");
        ContractViolation.required(resource, "resource");
    }
}
