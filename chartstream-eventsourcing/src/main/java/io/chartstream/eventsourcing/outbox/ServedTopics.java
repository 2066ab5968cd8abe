package io.chartstream.eventsourcing.outbox;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The topics whose every partition's leader serves requests, asked once per topic before the relay
 * sends it more than nothing (docs/decisions.md §46). A new topic's leader shows in the metadata
 * before the broker serves it; the relay's producer, with five requests in flight, could then have
 * its first batch refused (NOT_LEADER) and a later one accepted, because a broker that has no
 * state for the producer on a partition accepts any sequence number. The first batch's retries are
 * then refused as out of order until the delivery timeout (120 s), and it lands after the later
 * ones: one person's events out of order. Listing the partitions' latest offsets goes to each
 * leader and succeeds only once it serves, the check the test broker's own topics use.
 */
final class ServedTopics implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServedTopics.class);
    private static final int TIMEOUT_MS = 5_000;

    private final Supplier<Admin> admins;
    private final Set<String> served = new HashSet<>();
    private final Set<String> waitedFor = new HashSet<>();
    private Admin admin;

    ServedTopics(Supplier<Admin> admins) {
        this.admins = admins;
    }

    /**
     * Whether every partition of {@code topic} is served; asks the brokers the first time (the
     * producer's metadata lookup may create the topic, as a send would), remembers a yes.
     */
    boolean served(String topic, Producer<String, byte[]> producer) {
        if (served.contains(topic)) {
            return true;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        List<PartitionInfo> partitions;
        try {
            partitions = producer.partitionsFor(topic);
        } catch (KafkaException notKnown) {
            // not in the metadata within max.block.ms (missing, broker away), as a send would wait
            LOG.debugf("topic %s not known yet: %s", topic, notKnown.toString());
            return false;
        }
        for (PartitionInfo p : partitions) {
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }
        try {
            admin().listOffsets(latest, new ListOffsetsOptions().timeoutMs(TIMEOUT_MS))
                    .all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            served.add(topic);
            waitedFor.remove(topic);
            return true;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            if (waitedFor.add(topic)) {
                // once per topic: its events wait in the outbox meanwhile (oldest pending grows)
                LOG.infof(
                        "outbox events for %s wait until every partition's leader serves it: %s", topic, e.toString());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks again before the next send to {@code topic} (a send to it failed: it may have been made again). */
    void forget(String topic) {
        served.remove(topic);
    }

    private Admin admin() {
        if (admin == null) {
            admin = admins.get();
        }
        return admin;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
