package io.chartstream.eventsourcing.outbox;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
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
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One event larger than Kafka takes must not stop anyone else's events (issue 10): the relay
 * parks it, the other persons' events flow, the same person's later events wait behind it, and
 * a redrive once the limit is raised publishes them all in order.
 */
class OutboxParkingTest {

    private static final int SMALL_LIMIT = 64 * 1024;
    private static final String TYPE = "io.chartstream.test.Happened.v1";

    private DataSource ds;
    private String topic;
    private OutboxRelay relay;

    @BeforeEach
    void relayWithASmallMessageSize() {
        ds = TestStore.freshDatabase("parking");
        topic = TestTopics.create("parking", 3);
        relay = relay(SMALL_LIMIT);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void anOversizedEventIsParkedAndOnlyItsPersonsLaterEventsWait() throws Exception {
        long big = TestStore.appendOne(ds, "person-a", "a", TYPE, "{\"note\":\"" + "x".repeat(100_000) + "\"}");
        long afterBig = TestStore.appendOne(ds, "person-a", "a", TYPE, "{\"i\":2}");
        long other = TestStore.appendOne(ds, "person-b", "b", TYPE, "{\"i\":1}");

        Eventually.within(Duration.ofSeconds(10))
                .alias("person b's event published past person a's oversized one")
                .until(() -> positions().contains(other));
        Eventually.within(Duration.ofSeconds(10))
                .alias("the oversized event parked")
                .until(() -> relay.parked().count() == 1);
        List<ParkedRows.Parked> parked = relay.parked().list();
        assertEquals(big, parked.get(0).position());
        assertEquals("a", parked.get(0).orderKey());
        assertTrue(
                parked.get(0).reason().startsWith("RecordTooLargeException"),
                parked.get(0).reason());
        assertEquals(1, parked.get(0).waitingBehind(), "person a's next event waits behind it");

        long later = TestStore.appendOne(ds, "person-b", "b", TYPE, "{\"i\":2}");
        Eventually.within(Duration.ofSeconds(10))
                .alias("the flow goes on for others")
                .until(() -> positions().contains(later));
        assertFalse(positions().contains(afterBig), "person a's later event never overtakes the parked one");
        assertEquals(1, TestStore.count(ds, "select count(*) from es_outbox"), "it waits in the outbox");

        relay.close();
        relay = relay(1 << 20); // the operator raised the message size
        assertTrue(relay.parked().redrive(big));
        Eventually.within(Duration.ofSeconds(10))
                .alias("person a's events published after the redrive")
                .until(() -> positions().contains(afterBig));
        List<Long> personA = TopicReader.readAll(topic).stream()
                .filter(r -> "a".equals(r.key()))
                .map(OutboxParkingTest::position)
                .toList();
        assertEquals(List.of(big, afterBig), personA, "in their order");
        assertEquals(0, relay.parked().count());
        assertFalse(relay.parked().redrive(big), "nothing left to redrive");
    }

    @Test
    void onlyRefusalsForGoodPark() {
        assertTrue(OutboxRelay.reasonFor(new org.apache.kafka.common.errors.RecordTooLargeException("big"))
                .isPresent());
        assertTrue(OutboxRelay.reasonFor(new org.apache.kafka.common.errors.InvalidTopicException("bad"))
                .isPresent());
        assertTrue(OutboxRelay.reasonFor(new org.apache.kafka.common.errors.TimeoutException("broker away"))
                .isEmpty());
        assertTrue(OutboxRelay.reasonFor(new org.apache.kafka.common.errors.NotLeaderOrFollowerException("moving"))
                .isEmpty());
    }

    private OutboxRelay relay(int maxMessageBytes) {
        OutboxRelay r = new OutboxRelay(
                ds,
                KafkaSettings.relayClients(SharedKafka.bootstrapServers(), "parking-test", maxMessageBytes),
                topic,
                "patient-service");
        r.start();
        return r;
    }

    private List<Long> positions() {
        return TopicReader.readAll(topic).stream()
                .map(OutboxParkingTest::position)
                .toList();
    }

    private static long position(ConsumerRecord<String, byte[]> r) {
        return Long.parseLong(TopicReader.header(r, CloudEventHeaders.header(CloudEventHeaders.POSITION)));
    }
}
