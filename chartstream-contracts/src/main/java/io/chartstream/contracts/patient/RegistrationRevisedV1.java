package io.chartstream.contracts.patient;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartstream.contracts.ContractViolation;
import io.chartstream.contracts.PersonalData;
import io.chartstream.contracts.SubjectId;

import java.util.UUID;

/**
 * {@code io.chartstream.patient.RegistrationRevised.v1}: {@code organization} revised its own
 * registration of the person (the one under {@code identifier}); {@code patient} is the Patient it
 * now sends, whole (not a difference). Links nothing and grants nothing: the identifier was the
 * organization's already ({@link PatientContracts#identifiesPerson} is false), and a revision never
 * moves the registration to another person. {@code personDemographics}: the revised registration
 * is the person's first, whose demographics are the enterprise person's (the MPI's GET, the
 * organizations' views); a later registrant's revision changes only its own registration.
 */
public record RegistrationRevisedV1(
        @SubjectId UUID personId,
        String organization,
        IdentifierV1 identifier,
        @PersonalData ObjectNode patient,
        boolean personDemographics)
        implements PatientEventV1 {

    public RegistrationRevisedV1 {
        ContractViolation.required(personId, "personId");
        ContractViolation.required(organization, "organization");
        ContractViolation.required(identifier, "identifier");
        ContractViolation.required(patient, "patient");
    }
}
