package io.chartstream.contracts.patient;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.PersonalData;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.patient.IdentifierLinked.v1}: another identifier now points at an existing
 * person; {@code matchedOn} is {@code identifier} or {@code demographics}.
 */
public record IdentifierLinkedV1(
        @SubjectId UUID personId,
        String organization,
        IdentifierV1 identifier,
        @PersonalData ObjectNode patient,
        String matchedOn)
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
}
