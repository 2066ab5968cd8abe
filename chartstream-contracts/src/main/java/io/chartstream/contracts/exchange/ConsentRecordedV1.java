package io.chartstream.contracts.exchange;

import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.SubjectId;

import java.util.List;
import java.util.UUID;

/**
 * {@code io.chartstream.exchange.ConsentRecorded.v1}: the person's sharing choices as a whole,
 * replacing the previous ones (a FHIR R4 Consent, scope patient-privacy). {@code recordedBy} is
 * {@code patient} or the organization that recorded it on the patient's behalf.
 * {@code optOut}: each organization sees only what it wrote itself. {@code blockedOrganizations}
 * see nothing. {@code withheldCategories}: security-label codes (SecurityLabels) no organization
 * sees unless it wrote the entry. {@code part2SharedWith}: organizations that may see 42 CFR Part
 * 2 entries (withheld from everyone else, even in an emergency).
 */
public record ConsentRecordedV1(
        UUID consentId,
        @SubjectId UUID personId,
        String recordedBy,
        String actor,
        boolean optOut,
        List<String> blockedOrganizations,
        List<String> withheldCategories,
        List<String> part2SharedWith,
        String recordedAt) {

    public ConsentRecordedV1 {
        ContractViolation.required(consentId, "consentId");
        ContractViolation.required(personId, "personId");
        ContractViolation.required(recordedBy, "recordedBy");
        ContractViolation.required(recordedAt, "recordedAt");
        blockedOrganizations = blockedOrganizations == null ? List.of() : List.copyOf(blockedOrganizations);
        withheldCategories = withheldCategories == null ? List.of() : List.copyOf(withheldCategories);
        part2SharedWith = part2SharedWith == null ? List.of() : List.copyOf(part2SharedWith);
    }
}
