package io.chartstream.eventsourcing.support;

import io.chartstream.testsupport.SharedKafka;
import io.chartstream.testsupport.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.UUID;

/** Topics on the test JVM's real Kafka broker. */
public final class Topics {

    private Topics() {}

    public static String create(String prefix, int partitions) {
        String topic = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
        SharedKafka.createWritable(List.of(topic), partitions);
        return topic;
    }

    /** Every record of a topic from offset 0 to its current end. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        return TopicReader.readAll(topic);
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        return TopicReader.header(record, name);
    }
}
