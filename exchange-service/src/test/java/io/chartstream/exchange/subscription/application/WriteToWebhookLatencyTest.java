package io.chartstream.exchange.subscription.application;

import io.chartstream.exchange.feed.infrastructure.FeedEvent;
import io.chartstream.exchange.support.RecordEvents;
import io.chartstream.exchange.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.chartstream.exchange.subscription.application.WebhookDeliveryTest.await;
import static io.chartstream.exchange.subscription.application.WebhookDeliveryTest.registerOrganizationWithWebhook;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A burst of clinical events for one hospital's patients, from Kafka to the hospital's view and
 * on to its webhook: every notification arrives once, in order; latencies are printed (they
 * depend on the machine, so they are reported, not asserted).
 */
@QuarkusTest
class WriteToWebhookLatencyTest {

    static final int EVENTS = 300;
    static final int PACED = 20;

    @Inject
    DataSource dataSource;

    @Test
    void burstOfEntriesReachesTheWebhookOnceEachInOrder() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String org = registerOrganizationWithWebhook(receiver.url());
            UUID person = UUID.randomUUID();
            RecordEvents.publish(RecordEvents.patientRegistered(person, org, "MRN-L"));
            await(() -> receiver.acknowledged().size() >= 1, 20_000, "the Patient notification");

            long[] sentAt = new long[EVENTS];
            for (int i = 0; i < EVENTS; i++) {
                sentAt[i] = System.currentTimeMillis();
                RecordEvents.publish(RecordEvents.observationRecorded(person, org, UUID.randomUUID(), 5 + i / 100.0));
            }
            await(() -> receiver.acknowledged().size() >= EVENTS + 1, 120_000, EVENTS + " notifications");

            List<Long> numbers = receiver.acknowledged().stream()
                    .map(d -> Long.parseLong(d.header("X-ChartStream-Event-Number")))
                    .toList();
            List<Long> expected = new ArrayList<>();
            for (long n = 1; n <= EVENTS + 1; n++) {
                expected.add(n);
            }
            assertEquals(expected, numbers);

            long[] toView = new long[EVENTS];
            long[] toWebhook = new long[EVENTS];
            List<Instant> viewChangedAt = viewChangedTimes(org);
            for (int i = 0; i < EVENTS; i++) {
                toView[i] = viewChangedAt.get(i + 1).toEpochMilli() - sentAt[i];
                toWebhook[i] = receiver.acknowledged().get(i + 1).receivedAtMillis() - sentAt[i];
            }
            long first = sentAt[0];
            System.out.printf(
                    "LATENCY burst: published in %d ms, last view change at +%d ms, last webhook at +%d ms%n",
                    sentAt[EVENTS - 1] - first,
                    viewChangedAt.get(EVENTS).toEpochMilli() - first,
                    receiver.acknowledged().get(EVENTS).receivedAtMillis() - first);
            System.out.printf(
                    "LATENCY %d events, write -> org view (ViewChanged recorded): %s; write -> webhook acknowledged: %s%n",
                    EVENTS, summary(toView), summary(toWebhook));

            // Paced writes: the pipeline's own latency, without the queueing of a burst.
            long[] paced = new long[PACED];
            for (int i = 0; i < PACED; i++) {
                int before = receiver.acknowledged().size();
                long sent = System.currentTimeMillis();
                RecordEvents.publish(RecordEvents.observationRecorded(person, org, UUID.randomUUID(), 6.0));
                await(() -> receiver.acknowledged().size() > before, 20_000, "paced notification");
                paced[i] = receiver.acknowledged().get(before).receivedAtMillis() - sent;
            }
            System.out.printf("LATENCY %d paced events, write -> webhook acknowledged: %s%n", PACED, summary(paced));
        }
    }

    private List<Instant> viewChangedTimes(String org) throws Exception {
        List<Instant> times = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select recorded_at from es_event where stream_id = ? order by stream_version")) {
            ps.setString(1, FeedEvent.streamOf(org));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        return times;
    }

    private static String summary(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(
                "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms",
                sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.95)],
                sorted[(int) (sorted.length * 0.99)],
                sorted[sorted.length - 1]);
    }
}
