package io.chartstream.eventsourcing.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

final class MetadataJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetadataJson() {}

    static String write(EventMetadata metadata) {
        try {
            return MAPPER.writeValueAsString(metadata == null ? EventMetadata.none() : metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON", e);
        }
    }

    static EventMetadata read(String json) {
        try {
            return MAPPER.readValue(json, EventMetadata.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is not valid JSON: " + json, e);
        }
    }
}
