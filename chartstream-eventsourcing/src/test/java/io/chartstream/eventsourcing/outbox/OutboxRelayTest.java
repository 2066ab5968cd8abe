package io.chartstream.eventsourcing.outbox;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.eventsourcing.store.AppendResult;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.ExpectedVersion;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.NewEvent;
import io.chartstream.eventsourcing.support.TestStore;
import io.chartstream.eventsourcing.support.TestTopics;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.SharedKafka;
import io.chartstream.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxRelayTest {

    private final JdbcEventStore store = new JdbcEventStore();
    private DataSource ds;
    private String topic;
    private OutboxRelay relay;

    @BeforeEach
    void relay() {
        ds = TestStore.freshDatabase("relay");
        topic = TestTopics.create("relay", 3);
        relay = new OutboxRelay(
                ds, KafkaSettings.relayClients(SharedKafka.bootstrapServers(), "relay-test"), topic, "patient-service");
        relay.start();
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void transactionsCommittingOutOfPositionOrderAreBothPublished() throws Exception {
        try (Connection first = ds.getConnection();
                Connection second = ds.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            AppendResult lower = store.append(
                    first,
                    "person-1",
                    ExpectedVersion.ANY,
                    List.of(NewEvent.of("io.chartstream.test.Happened.v1", "p1", "{}")),
                    EventMetadata.none());
            AppendResult higher = store.append(
                    second,
                    "person-2",
                    ExpectedVersion.ANY,
                    List.of(NewEvent.of("io.chartstream.test.Happened.v1", "p2", "{}")),
                    EventMetadata.none());
            assertTrue(lower.position() < higher.position(), "the first transaction took the lower position");

            second.commit(); // position 11 commits before position 10
            Eventually.within(Duration.ofSeconds(10))
                    .alias("the higher position on Kafka")
                    .until(() -> ids().contains(id(higher)));
            first.commit();
            Eventually.within(Duration.ofSeconds(10))
                    .alias("the lower position on Kafka")
                    .until(() -> ids().contains(id(lower)));
        }
        Eventually.within(Duration.ofSeconds(5))
                .alias("an empty outbox")
                .until(() -> TestStore.count(ds, "select count(*) from es_outbox") == 0);
        assertEquals(2, TopicReader.readAll(topic).size());
    }

    @Test
    void recordsAreCloudEventsKeyedByThePerson() {
        long position = TestStore.appendOne(
                ds,
                "person-9",
                "3f1c1a3e-0000-4000-8000-000000000009",
                PatientContracts.PATIENT_REGISTERED.typeName(),
                "{\"name\":\"Alice\"}");
        Eventually.within(Duration.ofSeconds(10))
                .alias("the event on Kafka")
                .until(() -> !TopicReader.readAll(topic).isEmpty());
        ConsumerRecord<String, byte[]> record = TopicReader.readAll(topic).get(0);
        assertEquals("3f1c1a3e-0000-4000-8000-000000000009", record.key());
        assertEquals("1.0", TopicReader.header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals(
                PatientContracts.PATIENT_REGISTERED.typeName(), TopicReader.header(record, CloudEventHeaders.TYPE));
        assertEquals("patient-service", TopicReader.header(record, CloudEventHeaders.SOURCE));
        assertEquals("3f1c1a3e-0000-4000-8000-000000000009", TopicReader.header(record, CloudEventHeaders.SUBJECT));
        assertEquals("person-9", TopicReader.header(record, CloudEventHeaders.header(CloudEventHeaders.STREAM_ID)));
        assertEquals("1", TopicReader.header(record, CloudEventHeaders.header(CloudEventHeaders.STREAM_VERSION)));
        assertEquals(
                Long.toString(position),
                TopicReader.header(record, CloudEventHeaders.header(CloudEventHeaders.POSITION)));
        assertEquals("test-org", TopicReader.header(record, CloudEventHeaders.header(CloudEventHeaders.ORGANIZATION)));
        assertEquals("application/json", TopicReader.header(record, CloudEventHeaders.CONTENT_TYPE));
        assertEquals("{\"name\": \"Alice\"}", new String(record.value()));
    }

    @Test
    void eventsOfOnePersonArriveInCommitOrder() {
        for (int i = 0; i < 50; i++) {
            TestStore.appendOne(ds, "person-7", "p7", "io.chartstream.test.Happened.v1", "{\"i\":" + i + "}");
        }
        Eventually.within(Duration.ofSeconds(10))
                .alias("50 events")
                .until(() -> TopicReader.readAll(topic).size() == 50);
        List<Long> positions = TopicReader.readAll(topic).stream()
                .map(r -> Long.parseLong(TopicReader.header(r, CloudEventHeaders.header(CloudEventHeaders.POSITION))))
                .toList();
        assertEquals(positions.stream().sorted().toList(), positions);
    }

    @Test
    void anEventRoutedToAnotherTopicIsPublishedThere() throws Exception {
        String feed = TestTopics.create("feed", 1);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            store.append(
                    c,
                    "feed-riverside",
                    ExpectedVersion.ANY,
                    List.of(NewEvent.of(ExchangeContracts.VIEW_CHANGED.typeName(), "p1", "{}")),
                    EventMetadata.none(),
                    feed);
        }
        Eventually.within(Duration.ofSeconds(10))
                .alias("the event on the feed topic")
                .until(() -> TopicReader.readAll(feed).size() == 1);
        assertTrue(TopicReader.readAll(topic).isEmpty());
    }

    private Set<String> ids() {
        return TopicReader.readAll(topic).stream()
                .map(r -> TopicReader.header(r, CloudEventHeaders.ID))
                .collect(Collectors.toSet());
    }

    private static String id(AppendResult result) {
        return result.events().get(0).eventId().toString();
    }
}
