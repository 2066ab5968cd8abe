package io.chartstream.eventsourcing.runtime;

import io.chartstream.eventsourcing.outbox.RelayClients;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Kafka client settings the runtime relies on: the producer never loses or reorders a send. */
public final class KafkaSettings {

    private KafkaSettings() {}

    /** Client security settings passed through from configuration ({@code kafka.<name>}, env {@code KAFKA_<NAME>}). */
    static final List<String> SECURITY = List.of(
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
            SaslConfigs.SASL_MECHANISM,
            SaslConfigs.SASL_JAAS_CONFIG,
            SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
            SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
            SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);

    /**
     * The bootstrap servers and, when configured, how to authenticate to the broker (SASL/SCRAM,
     * TLS), as the service's Kafka user: the same settings Quarkus' own Kafka clients take from
     * {@code kafka.*}, so one Secret configures every client of a service.
     */
    public static Map<String, Object> common(String bootstrapServers) {
        return common(bootstrapServers, KafkaSettings::configured);
    }

    static Map<String, Object> common(String bootstrapServers, Function<String, Optional<String>> setting) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        for (String name : SECURITY) {
            setting.apply("kafka." + name).filter(v -> !v.isBlank()).ifPresent(v -> config.put(name, v));
        }
        return config;
    }

    private static Optional<String> configured(String name) {
        try {
            return ConfigProvider.getConfig().getOptionalValue(name, String.class);
        } catch (IllegalStateException e) {
            return Optional.empty(); // no configuration in this runtime (a plain test)
        }
    }

    /**
     * The outbox relay's clients: a reliable producer refusing records over {@code maxMessageBytes}
     * at send, made again whenever the relay asks (§45), and an admin client with the same settings.
     */
    public static RelayClients relayClients(String bootstrapServers, String clientId, int maxMessageBytes) {
        return new RelayClients(
                () -> reliableProducer(bootstrapServers, clientId, maxMessageBytes),
                () -> Admin.create(common(bootstrapServers)));
    }

    public static RelayClients relayClients(String bootstrapServers, String clientId) {
        return relayClients(bootstrapServers, clientId, 1 << 20);
    }

    public static Producer<String, byte[]> reliableProducer(String bootstrapServers, String clientId) {
        return reliableProducer(bootstrapServers, clientId, 1 << 20);
    }

    /**
     * As {@link #reliableProducer(String, String)}, for a caller that sends a batch of records and
     * then flushes (and flushes after a single record it waits for): records wait in the producer's
     * batches for the flush, up to 256 kB each, instead of leaving as they are sent, so the broker
     * takes few large requests instead of one small one per record or two. A forgotten flush costs
     * a record {@code linger.ms} (100 ms), nothing more.
     */
    public static Producer<String, byte[]> flushingProducer(String bootstrapServers, String clientId) {
        Map<String, Object> config = reliableConfig(bootstrapServers, clientId, 1 << 20);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 100);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(config);
    }

    /** As {@link #reliableProducer(String, String)}, refusing records over {@code maxMessageBytes} at send. */
    public static Producer<String, byte[]> reliableProducer(
            String bootstrapServers, String clientId, int maxMessageBytes) {
        return new KafkaProducer<>(reliableConfig(bootstrapServers, clientId, maxMessageBytes));
    }

    private static Map<String, Object> reliableConfig(String bootstrapServers, String clientId, int maxMessageBytes) {
        Map<String, Object> config = common(bootstrapServers);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxMessageBytes);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }
}
