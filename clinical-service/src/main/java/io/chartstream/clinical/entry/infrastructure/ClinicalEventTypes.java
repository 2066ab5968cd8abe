package io.chartstream.clinical.entry.infrastructure;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.AllergyIntoleranceRecorded;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.ConditionRecorded;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryAmended;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.MedicationRequestRecorded;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.ObservationRecorded;
import io.chartstream.eventsourcing.codec.EventTypes;

/**
 * The published names of the clinical entry events (docs/events.md) and their JSON. The mapper
 * is this service's own, not the application's: the JSON of an event is a contract and must
 * not change because someone tuned the REST layer's Jackson settings.
 */
public final class ClinicalEventTypes {

    public static final String OBSERVATION_RECORDED = "io.chartstream.clinical.ObservationRecorded.v1";
    public static final String CONDITION_RECORDED = "io.chartstream.clinical.ConditionRecorded.v1";
    public static final String MEDICATION_REQUEST_RECORDED = "io.chartstream.clinical.MedicationRequestRecorded.v1";
    public static final String ALLERGY_INTOLERANCE_RECORDED = "io.chartstream.clinical.AllergyIntoleranceRecorded.v1";
    public static final String ENTRY_AMENDED = "io.chartstream.clinical.EntryAmended.v1";

    private ClinicalEventTypes() {
    }

    public static EventTypes<ClinicalEntryEvent> create() {
        return new EventTypes<ClinicalEntryEvent>(mapper())
                .register(OBSERVATION_RECORDED, ObservationRecorded.class)
                .register(CONDITION_RECORDED, ConditionRecorded.class)
                .register(MEDICATION_REQUEST_RECORDED, MedicationRequestRecorded.class)
                .register(ALLERGY_INTOLERANCE_RECORDED, AllergyIntoleranceRecorded.class)
                .register(ENTRY_AMENDED, EntryAmended.class);
    }

    /** Record components in declaration order, FHIR resources embedded as JSON objects, nulls written. */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new FhirJsonModule())
                .disable(SerializationFeature.INDENT_OUTPUT)
                // FHIR decimals: exact value and scale, never through a double
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                // tolerant reader: a field added later (with a default) must not break this consumer
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
