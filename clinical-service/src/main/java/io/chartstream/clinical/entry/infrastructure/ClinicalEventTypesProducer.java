package io.chartstream.clinical.entry.infrastructure;

import io.chartstream.clinical.entry.domain.ClinicalEntryEvent;
import io.chartstream.eventsourcing.codec.EventTypes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

class ClinicalEventTypesProducer {

    @Produces
    @Singleton
    EventTypes<ClinicalEntryEvent> clinicalEventTypes() {
        return ClinicalEventTypes.create();
    }
}
