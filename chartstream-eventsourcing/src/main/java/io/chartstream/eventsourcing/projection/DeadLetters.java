package io.chartstream.eventsourcing.projection;

import io.chartstream.contracts.CloudEventHeaders;
import io.chartstream.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Publishes a refused event to the projection's dead-letter topic, {@code chartstream.dlq.<projection>}:
 * the original key, value and headers, plus {@code dead-letter-*} headers naming the reason
 * and where the event came from (the same header names SmallRye Reactive Messaging uses).
 */
public final class DeadLetters {

    private final Producer<String, byte[]> producer;

    public DeadLetters(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public static String topicFor(String projection) {
        return Topics.deadLetterOf(projection);
    }

    void publish(String projection, ConsumerRecord<String, byte[]> record, Throwable error) throws Exception {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(topicFor(projection), record.key(), record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        dead.headers()
                .add(CloudEventHeaders.DEAD_LETTER_REASON, bytes(String.valueOf(error.getMessage())))
                .add(CloudEventHeaders.DEAD_LETTER_CAUSE, bytes(stackTrace(error)))
                .add(CloudEventHeaders.DEAD_LETTER_TOPIC, bytes(record.topic()))
                .add(CloudEventHeaders.DEAD_LETTER_PARTITION, bytes(Integer.toString(record.partition())))
                .add(CloudEventHeaders.DEAD_LETTER_OFFSET, bytes(Long.toString(record.offset())))
                .add(CloudEventHeaders.DEAD_LETTER_PROJECTION, bytes(projection));
        producer.send(dead).get();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        String trace = out.toString();
        return trace.length() > 4_000 ? trace.substring(0, 4_000) : trace;
    }
}
