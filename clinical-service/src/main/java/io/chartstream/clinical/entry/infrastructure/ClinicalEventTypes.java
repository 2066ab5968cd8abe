package io.chartstream.clinical.entry.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryAmended;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryEnteredInError;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryRecorded;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.eventsourcing.codec.EventTypes;

import static io.chartstream.contracts.clinical.ClinicalContracts.ENTRY_AMENDED;
import static io.chartstream.contracts.clinical.ClinicalContracts.ENTRY_ENTERED_IN_ERROR;
import static io.chartstream.contracts.clinical.ClinicalContracts.ENTRY_RECORDED;

/**
 * The clinical entry events as the contracts module publishes them (docs/events.md): each
 * domain event bound to its contract (the retired per-type "recorded" types read as EntryRecorded), written with the contracts' JSON settings plus the FHIR
 * resource embedded as a JSON object.
 */
public final class ClinicalEventTypes {

    private ClinicalEventTypes() {}

    public static EventTypes<ClinicalEntryEvent> create() {
        EventTypes<ClinicalEntryEvent> types = new EventTypes<ClinicalEntryEvent>(mapper())
                .register(ENTRY_RECORDED, EntryRecorded.class)
                .register(ENTRY_AMENDED, EntryAmended.class)
                .register(ENTRY_ENTERED_IN_ERROR, EntryEnteredInError.class);
        // entries recorded before EntryRecorded.v1 (one type per resource type, same payload)
        ClinicalContracts.RETIRED_RECORDED.forEach(
                retired -> types.upcast(retired.typeName(), ENTRY_RECORDED.typeName(), data -> data));
        return types;
    }

    static ObjectMapper mapper() {
        return ContractJson.configure(JsonMapper.builder())
                .addModule(new FhirJsonModule())
                .build();
    }
}
