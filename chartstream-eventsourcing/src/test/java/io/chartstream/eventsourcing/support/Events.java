package io.chartstream.eventsourcing.support;

import io.chartstream.eventsourcing.cloudevents.ChartStreamCloudEvents;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.testsupport.SharedKafka;
import org.apache.kafka.clients.producer.Producer;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes CloudEvents straight to Kafka, as a service's relay would. */
public final class Events {

    private static final AtomicLong POSITION = new AtomicLong();
    private static Producer<String, byte[]> producer;

    private Events() {}

    public static synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = KafkaSettings.reliableProducer(SharedKafka.bootstrapServers(), "test-events");
        }
        return producer;
    }

    public static RecordedEvent event(String subject, String data) {
        long position = POSITION.incrementAndGet();
        return new RecordedEvent(
                position,
                "stream-" + subject,
                position,
                UUID.randomUUID(),
                "io.chartstream.test.Happened.v1",
                subject,
                data,
                new EventMetadata("c", null, "t", "o"),
                Instant.now());
    }

    public static void publish(String topic, RecordedEvent event) {
        try {
            producer()
                    .send(ChartStreamCloudEvents.toProducerRecord(topic, event, "test-service"))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RecordedEvent publish(String topic, String subject, String data) {
        RecordedEvent event = event(subject, data);
        publish(topic, event);
        return event;
    }
}
