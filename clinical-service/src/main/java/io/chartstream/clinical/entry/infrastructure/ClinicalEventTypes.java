package io.chartstream.clinical.entry.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.AllergyIntoleranceRecorded;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.ConditionRecorded;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryAmended;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.MedicationRequestRecorded;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.ObservationRecorded;
import io.chartstream.contracts.ContractJson;
import io.chartstream.eventsourcing.codec.EventTypes;

import static io.chartstream.contracts.clinical.ClinicalContracts.ALLERGY_INTOLERANCE_RECORDED;
import static io.chartstream.contracts.clinical.ClinicalContracts.CONDITION_RECORDED;
import static io.chartstream.contracts.clinical.ClinicalContracts.ENTRY_AMENDED;
import static io.chartstream.contracts.clinical.ClinicalContracts.MEDICATION_REQUEST_RECORDED;
import static io.chartstream.contracts.clinical.ClinicalContracts.OBSERVATION_RECORDED;

/**
 * The clinical entry events as the contracts module publishes them (docs/events.md): each
 * domain event bound to its contract, written with the contracts' JSON settings plus the FHIR
 * resource embedded as a JSON object.
 */
public final class ClinicalEventTypes {

    private ClinicalEventTypes() {}

    public static EventTypes<ClinicalEntryEvent> create() {
        return new EventTypes<ClinicalEntryEvent>(mapper())
                .register(OBSERVATION_RECORDED, ObservationRecorded.class)
                .register(CONDITION_RECORDED, ConditionRecorded.class)
                .register(MEDICATION_REQUEST_RECORDED, MedicationRequestRecorded.class)
                .register(ALLERGY_INTOLERANCE_RECORDED, AllergyIntoleranceRecorded.class)
                .register(ENTRY_AMENDED, EntryAmended.class);
    }

    static ObjectMapper mapper() {
        return ContractJson.configure(JsonMapper.builder())
                .addModule(new FhirJsonModule())
                .build();
    }
}
