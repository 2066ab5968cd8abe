package io.chartstream.eventsourcing.cloudevents;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.RecordedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The header reader and the SDK's reader must see the same event in every record we publish. */
class ChartStreamCloudEventsTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456Z");

    @Test
    void aPublishedEventReadsBackAsTheSdkReadsIt() {
        RecordedEvent event = new RecordedEvent(
                42,
                "person-1",
                3,
                UUID.randomUUID(),
                "io.chartstream.test.Happened.v1",
                "subject-1",
                "{\"a\": 1}",
                new EventMetadata("corr", "cause", "actor-1", "org-1"),
                AT);
        ConsumerRecord<String, byte[]> record =
                consumed(ChartStreamCloudEvents.toProducerRecord("t", event, "patient-service"));

        SourcedEvent read = ChartStreamCloudEvents.toSourcedEvent(record);

        assertEquals(viaSdk(record), read);
        assertEquals(new SourcedEvent("patient-service", event), read);
    }

    @Test
    void missingMetadataAndAnEmptyValueReadAsTheSdkReadsThem() {
        RecordedEvent event = new RecordedEvent(
                7,
                "person-2",
                1,
                UUID.randomUUID(),
                "io.chartstream.test.Happened.v1",
                "subject-2",
                "{}",
                EventMetadata.none(),
                AT);
        ConsumerRecord<String, byte[]> full = consumed(ChartStreamCloudEvents.toProducerRecord("t", event, "svc"));
        ConsumerRecord<String, byte[]> empty = withValue(full, new byte[0]);
        ConsumerRecord<String, byte[]> absent = withValue(full, null);

        assertEquals(viaSdk(full), ChartStreamCloudEvents.toSourcedEvent(full));
        assertEquals(viaSdk(empty), ChartStreamCloudEvents.toSourcedEvent(empty));
        assertEquals(viaSdk(absent), ChartStreamCloudEvents.toSourcedEvent(absent));
    }

    @Test
    void aRecordThatIsNotABinaryCloudEventIsStillRefused() {
        ConsumerRecord<String, byte[]> plain =
                new ConsumerRecord<>("t", 0, 0, "k", "{}".getBytes(StandardCharsets.UTF_8));
        assertThrows(RuntimeException.class, () -> ChartStreamCloudEvents.toSourcedEvent(plain));
    }

    private static SourcedEvent viaSdk(ConsumerRecord<String, byte[]> record) {
        return ChartStreamCloudEvents.toRecordedEvent(ChartStreamCloudEvents.fromRecord(record));
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent) {
        RecordHeaders headers = new RecordHeaders();
        sent.headers().forEach(h -> headers.add(new RecordHeader(h.key(), h.value())));
        headers.add(new RecordHeader(CloudEventHeaders.header("otherextension"), "x".getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(
                sent.topic(),
                0,
                0,
                0L,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                sent.key(),
                sent.value(),
                headers,
                Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> withValue(ConsumerRecord<String, byte[]> r, byte[] value) {
        return new ConsumerRecord<>(
                r.topic(),
                r.partition(),
                r.offset(),
                r.timestamp(),
                r.timestampType(),
                -1,
                -1,
                r.key(),
                value,
                r.headers(),
                Optional.empty());
    }
}
