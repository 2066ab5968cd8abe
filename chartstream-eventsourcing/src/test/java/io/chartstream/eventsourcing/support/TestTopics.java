package io.chartstream.eventsourcing.support;

import io.chartstream.testsupport.SharedKafka;

import java.util.List;
import java.util.UUID;

/**
 * A fresh topic per test on the test JVM's real Kafka broker; reading one is test-support's
 * {@link io.chartstream.testsupport.TopicReader}.
 */
public final class TestTopics {

    private TestTopics() {}

    public static String create(String prefix, int partitions) {
        String topic = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
        SharedKafka.createWritable(List.of(topic), partitions);
        return topic;
    }
}
