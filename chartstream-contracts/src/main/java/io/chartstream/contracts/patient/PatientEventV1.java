package io.chartstream.contracts.patient;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * The data of a {@code chartstream.patient.events} event about a registration: one identifier of
 * one organization, and its Patient (registered, linked, or revised).
 */
public sealed interface PatientEventV1 permits PatientRegisteredV1, IdentifierLinkedV1, RegistrationRevisedV1 {

    UUID personId();

    String organization();

    IdentifierV1 identifier();

    /** The FHIR R4 Patient resource as {@code organization} sent it. */
    ObjectNode patient();
}
