package io.chartstream.contracts.clinical;

import io.chartstream.contracts.Contract;
import io.chartstream.contracts.EventType;
import io.chartstream.contracts.Topics;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What clinical-service publishes on {@code chartstream.clinical.events}; one stream per entry. */
public final class ClinicalContracts {

    public static final String SOURCE = "clinical-service";

    /**
     * The FHIR R4 resource types clinical-service owns as clinical entries, as a JAX-RS path regex
     * (a compile-time constant, so resources can use it in {@code @Path}): the clinical record that
     * US Core and Synthea carry, all recorded, read and published the same generic way.
     */
    public static final String ENTRY_TYPE_PATTERN = "Encounter|Condition|Observation|DiagnosticReport|Procedure"
            + "|Immunization|MedicationRequest|MedicationAdministration|MedicationStatement|Medication"
            + "|AllergyIntolerance|CarePlan|CareTeam|Goal|Device|ImagingStudy|DocumentReference|Provenance";

    /** {@link #ENTRY_TYPE_PATTERN} as a list. */
    public static final List<String> ENTRY_TYPES = List.of(ENTRY_TYPE_PATTERN.split("\\|"));

    /** The first version of an entry of any type; {@code resourceType} names the type. */
    public static final Contract<ClinicalEntryV1> ENTRY_RECORDED = new Contract<>(
            new EventType("clinical", "EntryRecorded", 1),
            Topics.CLINICAL_EVENTS,
            ClinicalEntryV1.class,
            "a clinical entry was recorded (any type of the clinical record; `resourceType` names it)");

    public static final Contract<ClinicalEntryV1> ENTRY_AMENDED = new Contract<>(
            new EventType("clinical", "EntryAmended", 1),
            Topics.CLINICAL_EVENTS,
            ClinicalEntryV1.class,
            "an entry was replaced by a new version (`resource` is the new version)");

    /**
     * The entry was entered in error: it is withdrawn from every view. {@code resource} is its
     * last version with the type's status set to {@code entered-in-error} where the type has such
     * a status (a Provenance has none and is kept as it was); {@code organization} and
     * {@code practitioner} are who withdrew it. No event of the entry follows.
     */
    public static final Contract<ClinicalEntryV1> ENTRY_ENTERED_IN_ERROR = new Contract<>(
            new EventType("clinical", "EntryEnteredInError", 1),
            Topics.CLINICAL_EVENTS,
            ClinicalEntryV1.class,
            "an entry was entered in error and is withdrawn (`resource` is its last version, status `entered-in-error`)");

    /**
     * Retired: the first version of an entry, one type per resource type, published before
     * {@link #ENTRY_RECORDED}. Same payload; no longer published, still read (stored events and
     * topics keep them), read as {@link #ENTRY_RECORDED}.
     */
    public static final Contract<ClinicalEntryV1> OBSERVATION_RECORDED = retired("Observation");

    public static final Contract<ClinicalEntryV1> CONDITION_RECORDED = retired("Condition");
    public static final Contract<ClinicalEntryV1> MEDICATION_REQUEST_RECORDED = retired("MedicationRequest");
    public static final Contract<ClinicalEntryV1> ALLERGY_INTOLERANCE_RECORDED = retired("AllergyIntolerance");

    /** The retired per-type "recorded" contracts, read as {@link #ENTRY_RECORDED}. */
    public static final List<Contract<ClinicalEntryV1>> RETIRED_RECORDED = List.of(
            OBSERVATION_RECORDED, CONDITION_RECORDED, MEDICATION_REQUEST_RECORDED, ALLERGY_INTOLERANCE_RECORDED);

    /** What clinical-service publishes today. */
    public static final List<Contract<?>> PUBLISHED = List.of(ENTRY_RECORDED, ENTRY_AMENDED, ENTRY_ENTERED_IN_ERROR);

    public static final List<Contract<?>> ALL =
            Stream.concat(PUBLISHED.stream(), RETIRED_RECORDED.stream()).toList();

    private ClinicalContracts() {}

    /**
     * The contract of an entry change (recorded, also retired, or amended) named {@code typeName},
     * if it is one: a new current version of the entry. Not {@link #ENTRY_ENTERED_IN_ERROR}, which
     * takes the entry away rather than showing a new version of it.
     */
    public static Optional<Contract<ClinicalEntryV1>> entryChange(String typeName) {
        if (ENTRY_AMENDED.is(typeName)) {
            return Optional.of(ENTRY_AMENDED);
        }
        if (ENTRY_RECORDED.is(typeName)) {
            return Optional.of(ENTRY_RECORDED);
        }
        return RETIRED_RECORDED.stream().filter(c -> c.is(typeName)).findFirst();
    }

    /** Whether clinical-service owns {@code resourceType}. */
    public static boolean isEntryType(String resourceType) {
        return ENTRY_TYPES.contains(resourceType);
    }

    private static Contract<ClinicalEntryV1> retired(String resourceType) {
        return new Contract<>(
                new EventType("clinical", resourceType + "Recorded", 1),
                Topics.CLINICAL_EVENTS,
                ClinicalEntryV1.class,
                "retired, still read: a" + (resourceType.startsWith("A") ? "n " : " ") + resourceType
                        + " was recorded (now `EntryRecorded.v1`)");
    }
}
