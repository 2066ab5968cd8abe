package io.chartstream.contracts.patient;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.PersonalData;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.patient.IdentifierLinked.v1}: another identifier now points at an existing
 * person; {@code matchedOn} is {@code identifier} or {@code demographics}. {@code match} (optional,
 * decisions §12) is the probabilistic score and per-field contributions of a demographic link;
 * absent or null for an identifier link and for links made before issue 12.
 */
public record IdentifierLinkedV1(
        @SubjectId UUID personId,
        String organization,
        IdentifierV1 identifier,
        @PersonalData ObjectNode patient,
        String matchedOn,
        MatchEvidenceV1 match)
        implements PatientEventV1 {

    public static final String MATCHED_ON_IDENTIFIER = "identifier";
    public static final String MATCHED_ON_DEMOGRAPHICS = "demographics";

    public IdentifierLinkedV1 {
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(identifier, "identifier");
        ContractViolation.required(patient, "patient");
        ContractViolation.required(matchedOn, "matchedOn");
    }

    /** A link without match evidence (an identifier link, or one made before issue 12). */
    public IdentifierLinkedV1(
            UUID personId, String organization, IdentifierV1 identifier, ObjectNode patient, String matchedOn) {
        this(personId, organization, identifier, patient, matchedOn, null);
    }
}
