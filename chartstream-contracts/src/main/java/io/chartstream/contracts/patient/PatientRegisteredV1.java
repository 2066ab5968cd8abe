package io.chartstream.contracts.patient;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.PersonalData;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/** {@code io.chartstream.patient.PatientRegistered.v1}: a new enterprise person. */
public record PatientRegisteredV1(
        @SubjectId UUID personId,
        String organization,
        IdentifierV1 identifier,
        @PersonalData ObjectNode patient) implements PatientEventV1 {

    public PatientRegisteredV1 {
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(identifier, "identifier");
        ContractViolation.required(patient, "patient");
    }
}
