package io.chartstream.portal.record.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One person's record as the portal shows it to that person: demographics and the entries
 * every organization shared, each naming the organization it came from. Plain values, no
 * FHIR or framework types: the page and the JSON API render the same object.
 */
public record PatientRecord(
        UUID personId,
        Demographics demographics,
        List<Observation> observations,
        List<Condition> conditions,
        List<Medication> medications,
        List<Allergy> allergies,
        List<Visit> visits) {

    public static PatientRecord empty(UUID personId) {
        return new PatientRecord(personId, null, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Nothing has been shared for this person yet. */
    public boolean isEmpty() {
        return demographics == null
                && observations.isEmpty()
                && conditions.isEmpty()
                && medications.isEmpty()
                && allergies.isEmpty()
                && visits.isEmpty();
    }

    /** Who the person is, as the registering organization sent it; {@code birthDate} may be partial (1984-02). */
    public record Demographics(
            String name, String birthDate, String gender, String registeredBy, List<Identifier> identifiers) {}

    /** An organization's identifier for the person, e.g. a hospital MRN. */
    public record Identifier(String system, String value, String organization) {}

    /**
     * A result or vital sign. {@code value} is what a person reads ("95", "Positive"); for a
     * quantity {@code numericValue} and {@code unit} carry it as a number ("95", "mg/dL").
     */
    public record Observation(
            UUID entryId,
            long version,
            String code,
            String codeSystem,
            String display,
            String value,
            BigDecimal numericValue,
            String unit,
            String effective,
            String status,
            String organization) {}

    public record Condition(
            UUID entryId,
            long version,
            String code,
            String codeSystem,
            String display,
            String clinicalStatus,
            String verificationStatus,
            String onset,
            String recordedDate,
            String organization) {}

    /** A MedicationRequest: what was prescribed, how to take it, and whether it is still active. */
    public record Medication(
            UUID entryId,
            long version,
            String code,
            String codeSystem,
            String display,
            String dosage,
            String status,
            String authoredOn,
            String organization) {}

    public record Allergy(
            UUID entryId,
            long version,
            String code,
            String codeSystem,
            String substance,
            String criticality,
            String clinicalStatus,
            List<Reaction> reactions,
            String organization) {}

    /**
     * An Encounter: a hospital stay or a visit, its class ("inpatient encounter"), status
     * (in-progress, finished, cancelled), when, and where the person is or was last.
     */
    public record Visit(
            UUID entryId,
            long version,
            String type,
            String status,
            String start,
            String end,
            String location,
            String reason,
            String organization) {}

    /** What happened on exposure: the manifestations ("Hives") and how severe it was. */
    public record Reaction(List<String> manifestations, String severity) {}
}
