package io.chartstream.contracts.clinical;

import io.chartstream.contracts.Contract;
import io.chartstream.contracts.EventType;
import io.chartstream.contracts.Topics;

import java.util.List;

/** What clinical-service publishes on {@code chartstream.clinical.events}; one stream per entry. */
public final class ClinicalContracts {

    public static final String SOURCE = "clinical-service";

    public static final Contract<ClinicalEntryV1> OBSERVATION_RECORDED = recorded("Observation");
    public static final Contract<ClinicalEntryV1> CONDITION_RECORDED = recorded("Condition");
    public static final Contract<ClinicalEntryV1> MEDICATION_REQUEST_RECORDED = recorded("MedicationRequest");
    public static final Contract<ClinicalEntryV1> ALLERGY_INTOLERANCE_RECORDED = recorded("AllergyIntolerance");
    public static final Contract<ClinicalEntryV1> ENTRY_AMENDED = new Contract<>(
            new EventType("clinical", "EntryAmended", 1),
            Topics.CLINICAL_EVENTS,
            ClinicalEntryV1.class,
            "an entry was replaced by a new version (`resource` is the new version)");

    /** The first version of an entry, by type. */
    public static final List<Contract<ClinicalEntryV1>> RECORDED = List.of(
            OBSERVATION_RECORDED, CONDITION_RECORDED, MEDICATION_REQUEST_RECORDED, ALLERGY_INTOLERANCE_RECORDED);

    public static final List<Contract<?>> ALL = List.of(
            OBSERVATION_RECORDED,
            CONDITION_RECORDED,
            MEDICATION_REQUEST_RECORDED,
            ALLERGY_INTOLERANCE_RECORDED,
            ENTRY_AMENDED);

    private ClinicalContracts() {}

    /** The contract of an entry change (recorded or amended) named {@code typeName}, if it is one. */
    public static java.util.Optional<Contract<ClinicalEntryV1>> entryChange(String typeName) {
        if (ENTRY_AMENDED.is(typeName)) {
            return java.util.Optional.of(ENTRY_AMENDED);
        }
        return RECORDED.stream().filter(c -> c.is(typeName)).findFirst();
    }

    private static Contract<ClinicalEntryV1> recorded(String resourceType) {
        return new Contract<>(
                new EventType("clinical", resourceType + "Recorded", 1),
                Topics.CLINICAL_EVENTS,
                ClinicalEntryV1.class,
                "a" + (resourceType.startsWith("A") ? "n " : " ") + resourceType + " was recorded");
    }
}
