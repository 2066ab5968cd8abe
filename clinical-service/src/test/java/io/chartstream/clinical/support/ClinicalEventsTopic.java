package io.chartstream.clinical.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.testsupport.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads {@code chartstream.clinical.events} with a plain Kafka consumer, as any subscriber would. */
public final class ClinicalEventsTopic implements AutoCloseable {

    public static final String TOPIC = "chartstream.clinical.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One consumed record: key, {@code ce_*} headers, and the value parsed as JSON. */
    public record Published(String key, Map<String, String> headers, JsonNode data) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Published> seen = new ArrayList<>();

    public ClinicalEventsTopic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "clinical-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(TOPIC));
    }

    /** The event of stream {@code entry-<entryId>} at {@code version}, waiting up to 30 s for it. */
    public Published awaitEvent(String entryId, long version) {
        return await(p -> ("entry-" + entryId).equals(p.header("ce_streamid"))
                && String.valueOf(version).equals(p.header("ce_streamversion")), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("no event for entry-" + entryId + " version " + version + " on " + TOPIC));
    }

    public Optional<Published> await(Predicate<Published> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Published> found = seen.stream().filter(match).findFirst();
            if (found.isPresent() || System.nanoTime() > deadline) {
                return found;
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                seen.add(toPublished(record));
            }
        }
    }

    /** Everything read so far. */
    public List<Published> seen() {
        return List.copyOf(seen);
    }

    private static Published toPublished(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        try {
            return new Published(record.key(), headers, JSON.readTree(record.value()));
        } catch (Exception e) {
            throw new AssertionError("the value of " + headers.get("ce_id") + " is not JSON", e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
