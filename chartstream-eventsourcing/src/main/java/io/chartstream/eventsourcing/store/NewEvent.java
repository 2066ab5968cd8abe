package io.chartstream.eventsourcing.store;

import java.util.Objects;
import java.util.UUID;

/**
 * An event about to be appended: its stable type name ({@code io.chartstream.<service>.<Name>.v<N>}),
 * the enterprise person id it concerns (the Kafka key) and its JSON data.
 */
public record NewEvent(UUID eventId, String type, String subject, String data) {

    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }

    public static NewEvent of(String type, String subject, String data) {
        return new NewEvent(UUID.randomUUID(), type, subject, data);
    }
}
