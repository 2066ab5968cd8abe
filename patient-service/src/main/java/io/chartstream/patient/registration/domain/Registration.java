package io.chartstream.patient.registration.domain;

import io.chartstream.contracts.PersonalData;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * An organization's submission of a patient: its identifiers (at least one, duplicates
 * dropped, order kept: the first is the registering identifier) and the Patient it sent.
 */
public record Registration(
        String organization,
        List<Identifier> identifiers,
        @PersonalData PatientDocument patient) {

    public Registration {
        if (organization == null || organization.isBlank()) {
            throw new RegistrationRejected("a registration needs the submitting organization");
        }
        Objects.requireNonNull(patient, "patient");
        identifiers = identifiers == null ? List.of() : List.copyOf(new LinkedHashSet<>(identifiers));
        if (identifiers.isEmpty()) {
            throw new RegistrationRejected("a Patient needs at least one identifier with both a system and a value");
        }
        organization = organization.trim();
    }

    /** The identifiers in a stable order, for taking index locks without deadlocks. */
    public List<Identifier> identifiersSorted() {
        List<Identifier> sorted = new ArrayList<>(identifiers);
        sorted.sort((a, b) -> a.toString().compareTo(b.toString()));
        return sorted;
    }
}
