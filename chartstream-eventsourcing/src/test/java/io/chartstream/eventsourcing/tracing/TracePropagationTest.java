package io.chartstream.eventsourcing.tracing;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.outbox.OutboxRelay;
import io.chartstream.eventsourcing.projection.DeadLetters;
import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.eventsourcing.projection.ProjectionRunner;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.ExpectedVersion;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.NewEvent;
import io.chartstream.eventsourcing.support.Events;
import io.chartstream.eventsourcing.support.TestStore;
import io.chartstream.eventsourcing.support.TestTopics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.SharedKafka;
import io.chartstream.testsupport.TopicReader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One write followed through the runtime: an event appended while a request's trace is current
 * keeps its W3C traceparent in the store, the relay sends it as {@code ce_traceparent}, and the
 * projection applies it inside the same trace, so what the projection appends continues it.
 */
class TracePropagationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

    private final JdbcEventStore store = new JdbcEventStore();

    @Test
    void aTracedWriteCarriesItsTraceparentThroughTheStoreKafkaAndTheProjection() throws Exception {
        DataSource ds = TestStore.freshDatabase("trace");
        String topic = TestTopics.create("trace", 1);
        Map<UUID, String> seenWhileApplying = new ConcurrentHashMap<>();
        Projection projection = new TraceRecordingProjection(
                "trace-" + UUID.randomUUID().toString().substring(0, 8), topic, seenWhileApplying);
        UUID traced;
        UUID untraced;
        try (Scope request = Span.wrap(
                                SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))
                        .storeInContext(Context.root())
                        .makeCurrent();
                Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            traced = store.append(
                            c,
                            "person-t",
                            ExpectedVersion.ANY,
                            List.of(NewEvent.of("io.chartstream.test.Happened.v1", "t", "{}")),
                            new EventMetadata(null, null, "dr.rivera", "riverside-clinic"))
                    .events()
                    .get(0)
                    .eventId();
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            untraced = store.append(
                            c,
                            "person-u",
                            ExpectedVersion.ANY,
                            List.of(NewEvent.of("io.chartstream.test.Happened.v1", "u", "{}")),
                            new EventMetadata(null, null, "dr.rivera", "riverside-clinic"))
                    .events()
                    .get(0)
                    .eventId();
            assertEquals(
                    TRACEPARENT, store.load(c, "person-t", 0).get(0).metadata().traceparent());
            assertNull(store.load(c, "person-u", 0).get(0).metadata().traceparent(), "no trace, none invented");
        }

        try (OutboxRelay relay = new OutboxRelay(
                        ds,
                        KafkaSettings.relayClients(SharedKafka.bootstrapServers(), "trace-test"),
                        topic,
                        "patient-service");
                ProjectionRunner runner = new ProjectionRunner(
                        ds,
                        projection,
                        KafkaSettings.common(SharedKafka.bootstrapServers()),
                        new DeadLetters(Events.producer()))) {
            relay.start();
            List<ConsumerRecord<String, byte[]>> records =
                    TopicReader.await(topic, TopicReader.about("t"), 1, Duration.ofSeconds(30));
            ConsumerRecord<String, byte[]> sent = records.get(0);
            Header header = sent.headers().lastHeader("ce_" + CloudEventHeaders.TRACEPARENT);
            assertNotNull(header, "the relay sends the trace as the CloudEvents traceparent attribute");
            assertEquals(TRACEPARENT, new String(header.value(), StandardCharsets.UTF_8));

            runner.start();
            Eventually.within(Duration.ofSeconds(30))
                    .alias("both events applied")
                    .until(() -> seenWhileApplying.size() == 2);
        }
        assertEquals(TRACE_ID, seenWhileApplying.get(traced).split("-")[1], "applied inside the write's trace");
        assertEquals("none", seenWhileApplying.get(untraced), "an untraced event is applied outside any trace");
    }

    /** Records, per event, the trace current while it is applied. */
    private record TraceRecordingProjection(String name, String topic, Map<UUID, String> seen) implements Projection {

        @Override
        public List<String> topics() {
            return List.of(topic);
        }

        @Override
        public List<String> schemaDdl() {
            return List.of("create table if not exists nothing (id int)");
        }

        @Override
        public void apply(Connection connection, SourcedEvent event) {
            String current = TraceContext.currentTraceparent();
            seen.put(event.event().eventId(), current == null ? "none" : current);
        }
    }
}
