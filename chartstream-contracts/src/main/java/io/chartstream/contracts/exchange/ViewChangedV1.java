package io.chartstream.contracts.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.PersonalData;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.exchange.ViewChanged.v1} on {@code chartstream.org.<orgId>.feed}: the
 * organization's view of a person changed; {@code eventNumber} counts the organization's feed
 * (gaps are detectable), {@code change} is {@code added}, {@code amended} or {@code removed},
 * {@code resource} the FHIR resource as the view now holds it (a removal: type and id only, and
 * for an entry entered in error its last versionId and the {@link RemovalReason} tag).
 */
public record ViewChangedV1(
        @SubjectId UUID personId,
        String organization,
        long eventNumber,
        String change,
        @PersonalData ObjectNode resource) {

    public ViewChangedV1 {
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(change, "change");
        ContractViolation.required(resource, "resource");
    }
}
