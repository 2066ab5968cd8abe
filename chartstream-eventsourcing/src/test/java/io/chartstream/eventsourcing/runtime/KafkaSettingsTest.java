package io.chartstream.eventsourcing.runtime;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaSettingsTest {

    @Test
    void givenAServiceKafkaUserWhenClientsAreConfiguredThenEachCarriesItsCredentials() {
        Map<String, String> configured = Map.of(
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.ssl.truststore.location", "");

        Map<String, Object> config = KafkaSettings.common("kafka:9092", n -> Optional.ofNullable(configured.get(n)));

        assertEquals(
                Map.of(
                        "bootstrap.servers", "kafka:9092",
                        "security.protocol", "SASL_PLAINTEXT",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                config);
    }

    @Test
    void givenNoCredentialsWhenClientsAreConfiguredThenOnlyTheBootstrapServers() {
        assertEquals(
                Map.of("bootstrap.servers", "localhost:9092"),
                KafkaSettings.common("localhost:9092", n -> Optional.empty()));
    }
}
