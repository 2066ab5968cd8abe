package io.chartstream.exchange.directory.infrastructure;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.exchange.directory.domain.DirectoryEvent;
import io.chartstream.exchange.directory.domain.DirectoryEvent.DirectoryResourceAmended;
import io.chartstream.exchange.directory.domain.DirectoryEvent.DirectoryResourceRecorded;

/**
 * The directory's events bound to their contracts ({@code DirectoryResourceV1}), with the
 * contracts' JSON settings and the FHIR resource embedded as a JSON object.
 */
public final class DirectoryEventTypes {

    private DirectoryEventTypes() {}

    public static EventTypes<DirectoryEvent> create() {
        return new EventTypes<DirectoryEvent>(ContractJson.configure(JsonMapper.builder())
                        .addModule(new ResourceJsonModule())
                        .build())
                .register(ExchangeContracts.DIRECTORY_RESOURCE_RECORDED, DirectoryResourceRecorded.class)
                .register(ExchangeContracts.DIRECTORY_RESOURCE_AMENDED, DirectoryResourceAmended.class);
    }
}
