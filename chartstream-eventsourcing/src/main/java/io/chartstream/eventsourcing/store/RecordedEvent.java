package io.chartstream.eventsourcing.store;

import java.time.Instant;
import java.util.UUID;

/** An event as stored: its global position and its version within its stream. */
public record RecordedEvent(
        long position,
        String streamId,
        long streamVersion,
        UUID eventId,
        String type,
        String subject,
        String data,
        EventMetadata metadata,
        Instant recordedAt) {

    public RecordedEvent withTypeAndData(String newType, String newData) {
        return new RecordedEvent(
                position, streamId, streamVersion, eventId, newType, subject, newData, metadata, recordedAt);
    }
}
