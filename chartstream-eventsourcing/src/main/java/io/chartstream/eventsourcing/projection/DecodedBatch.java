package io.chartstream.eventsourcing.projection;

import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * A poll's records with their events, decoded once, so that a rebuild can decode on its reader
 * thread while the previous batch is being applied. {@code events} is null when a record is not a
 * readable event: the batch then goes event by event, and that record to the dead letters.
 */
record DecodedBatch(List<ConsumerRecord<String, byte[]>> records, List<SourcedEvent> events) {

    static DecodedBatch of(List<ConsumerRecord<String, byte[]>> records) {
        List<SourcedEvent> events = new ArrayList<>(records.size());
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                events.add(EventApplier.decode(record));
            }
        } catch (PoisonEventException e) {
            return new DecodedBatch(records, null);
        }
        return new DecodedBatch(records, events);
    }

    boolean isEmpty() {
        return records.isEmpty();
    }
}
