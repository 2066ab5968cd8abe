package io.chartstream.portal.record.infrastructure;

import io.chartstream.portal.record.domain.PatientRecord.Identifier;
import org.hl7.fhir.r4.model.Patient;

import java.util.UUID;

/**
 * A person's identity as a {@code chartstream.patient.events} event carries it: the identifier
 * an organization registered the person under and the Patient resource it sent.
 * {@code registration} is true for the first registration, false for a later linked identifier.
 */
record PersonEvent(UUID personId, String organization, Identifier identifier, Patient patient, boolean registration) {}
