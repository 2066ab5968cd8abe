package io.chartstream.patient.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.testsupport.SharedKafka;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.chartstream.patient.registration.PatientApi.RIVERSIDE;
import static io.chartstream.patient.registration.PatientApi.ST_MARYS;
import static io.chartstream.patient.registration.PatientApi.parse;
import static io.chartstream.patient.registration.PatientApi.patient;
import static io.chartstream.patient.registration.PatientApi.register;
import static io.chartstream.patient.registration.PatientApi.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The events leave through the outbox and really reach Kafka as CloudEvents keyed by the person. */
@QuarkusTest
class PatientEventsOnKafkaTest {

    private static final String TOPIC = "chartstream.patient.events";

    @Test
    void registrationAndLinkReachKafkaAsCloudEventsKeyedByPerson() throws Exception {
        String national = unique("N");
        String personId = parse(register(RIVERSIDE, patient("urn:national-id", national, "Ana", unique("Lopez"), "1980-05-17"))
                .then().statusCode(201).extract().response()).getIdElement().getIdPart();
        register(ST_MARYS, patient("urn:national-id", national, "Ana", "Lopez", "1980-05-17")).then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> records = recordsKeyed(personId, 2, Duration.ofSeconds(30));

        assertEquals(2, records.size(), "both events of the person, and no more");
        ConsumerRecord<String, byte[]> registered = records.get(0);
        assertEquals("io.chartstream.patient.PatientRegistered.v1", header(registered, "ce_type"));
        assertEquals(personId, header(registered, "ce_subject"));
        UUID.fromString(header(registered, "ce_id"));
        assertEquals("patient-service", header(registered, "ce_source"));
        assertEquals("person-" + personId, header(registered, "ce_streamid"));
        assertEquals("1", header(registered, "ce_streamversion"));
        assertEquals(RIVERSIDE, header(registered, "ce_organization"));
        assertEquals("dr.rivera", header(registered, "ce_actor"));
        JsonNode data = new ObjectMapper().readTree(registered.value());
        assertEquals(personId, data.get("personId").asText(), "the value is the event's data");
        assertEquals("Patient", data.get("patient").get("resourceType").asText());

        ConsumerRecord<String, byte[]> linked = records.get(1);
        assertEquals("io.chartstream.patient.IdentifierLinked.v1", header(linked, "ce_type"));
        assertEquals(personId, header(linked, "ce_subject"));
        assertEquals(ST_MARYS, header(linked, "ce_organization"));
        assertEquals(registered.partition(), linked.partition(), "one person, one partition, in order");
    }

    private static List<ConsumerRecord<String, byte[]>> recordsKeyed(String key, int expected, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (found.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
            // One more poll: a duplicate would show up here.
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (key.equals(r.key())) {
                    found.add(r);
                }
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertNotNull(header, "header " + name);
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
