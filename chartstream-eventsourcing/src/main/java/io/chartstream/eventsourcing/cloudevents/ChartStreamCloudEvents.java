package io.chartstream.eventsourcing.cloudevents;

import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.chartstream.contracts.CloudEventHeaders.ACTOR;
import static io.chartstream.contracts.CloudEventHeaders.CAUSATION_ID;
import static io.chartstream.contracts.CloudEventHeaders.CORRELATION_ID;
import static io.chartstream.contracts.CloudEventHeaders.ORGANIZATION;
import static io.chartstream.contracts.CloudEventHeaders.POSITION;
import static io.chartstream.contracts.CloudEventHeaders.STREAM_ID;
import static io.chartstream.contracts.CloudEventHeaders.STREAM_VERSION;
import static io.chartstream.contracts.CloudEventHeaders.TRACEPARENT;

/**
 * Stored events as CloudEvents 1.0 on Kafka, in binary mode: the record value is the event's
 * data alone (FHIR JSON for clinical content) and the envelope travels in {@code ce_*}
 * headers. A subscriber parses the payload it cares about without unwrapping an envelope, and
 * routing or deduplication reads headers without parsing the value.
 */
public final class ChartStreamCloudEvents {

    private ChartStreamCloudEvents() {}

    public static CloudEvent toCloudEvent(RecordedEvent event, String source) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.eventId().toString())
                .withSource(URI.create(source))
                .withType(event.type())
                .withSubject(event.subject())
                .withTime(event.recordedAt().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(event.data().getBytes(StandardCharsets.UTF_8))
                .withExtension(STREAM_ID, event.streamId())
                .withExtension(STREAM_VERSION, Long.toString(event.streamVersion()))
                .withExtension(POSITION, Long.toString(event.position()));
        EventMetadata metadata = event.metadata();
        if (metadata != null) {
            withOptional(builder, CORRELATION_ID, metadata.correlationId());
            withOptional(builder, CAUSATION_ID, metadata.causationId());
            withOptional(builder, ORGANIZATION, metadata.organization());
            withOptional(builder, ACTOR, metadata.actor());
            withOptional(builder, TRACEPARENT, metadata.traceparent());
        }
        return builder.build();
    }

    /** The Kafka record of an event: keyed by its subject (the enterprise person id). */
    public static ProducerRecord<String, byte[]> toProducerRecord(String topic, RecordedEvent event, String source) {
        return KafkaMessageFactory.createWriter(topic, null, null, event.subject())
                .writeBinary(toCloudEvent(event, source));
    }

    public static CloudEvent fromRecord(ConsumerRecord<String, byte[]> record) {
        return KafkaMessageFactory.createReader(record).toEvent();
    }

    /**
     * A consumed record as the event it was stored as, with the source it came from. Our own
     * binary-mode records are read from their headers directly; anything else goes through the SDK.
     */
    public static SourcedEvent toSourcedEvent(ConsumerRecord<String, byte[]> record) {
        SourcedEvent event = BinaryModeReader.read(record);
        return event != null ? event : toRecordedEvent(fromRecord(record));
    }

    /** A consumed CloudEvent as the event it was stored as, with the source it came from. */
    public static SourcedEvent toRecordedEvent(CloudEvent event) {
        RecordedEvent recorded = new RecordedEvent(
                Long.parseLong(extension(event, POSITION, "0")),
                extension(event, STREAM_ID, event.getSubject()),
                Long.parseLong(extension(event, STREAM_VERSION, "0")),
                UUID.fromString(event.getId()),
                event.getType(),
                event.getSubject(),
                event.getData() == null ? "null" : new String(event.getData().toBytes(), StandardCharsets.UTF_8),
                new EventMetadata(
                        extension(event, CORRELATION_ID, null),
                        extension(event, CAUSATION_ID, null),
                        extension(event, ACTOR, null),
                        extension(event, ORGANIZATION, null),
                        extension(event, TRACEPARENT, null)),
                event.getTime() == null ? null : event.getTime().toInstant());
        return new SourcedEvent(event.getSource().toString(), recorded);
    }

    private static void withOptional(CloudEventBuilder builder, String name, String value) {
        if (value != null) {
            builder.withExtension(name, value);
        }
    }

    private static String extension(CloudEvent event, String name, String fallback) {
        Object value = event.getExtension(name);
        return value == null ? fallback : value.toString();
    }
}
