package io.chartstream.exchange.feed.infrastructure;

import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Creates an organization's feed topic when the organization joins the directory, kept
 * forever like the record topics (a subscriber may start from offset 0), with the broker's
 * default partitions. Where the broker does not auto-create topics (Strimzi's default), this is
 * what keeps the outbox relay from stalling on a missing topic, so it retries until Kafka answers.
 */
@ApplicationScoped
public class FeedTopics {

    private static final Logger LOG = Logger.getLogger(FeedTopics.class);

    private final String bootstrapServers;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feed-topics");
        t.setDaemon(true);
        return t;
    });
    private Admin admin;

    public FeedTopics(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Asks for the topic in the background: neither start-up nor a registration waits for Kafka.
     * While Kafka is away it keeps asking (every {@link #RETRY_EVERY_SECONDS} s), so the topic
     * exists before the organization's first feed event reaches the relay.
     */
    public void ensure(String organization) {
        background.submit(() -> create(FeedEvent.topicOf(organization)));
    }

    static final long RETRY_EVERY_SECONDS = 5;

    private void create(String topic) {
        try {
            admin().createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())
                            .configs(Map.of("retention.ms", "-1"))))
                    .all()
                    .get(10, TimeUnit.SECONDS);
            LOG.infof("created feed topic %s", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                retryLater(topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            retryLater(topic, e);
        }
    }

    private void retryLater(String topic, Throwable why) {
        LOG.warnf("could not create feed topic %s (%s); trying again in %d s", topic, why, RETRY_EVERY_SECONDS);
        if (!background.isShutdown()) {
            background.schedule(() -> create(topic), RETRY_EVERY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = KafkaSettings.common(bootstrapServers);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
            admin = Admin.create(config);
        }
        return admin;
    }

    synchronized void close(@Observes ShutdownEvent stop) {
        background.shutdownNow();
        if (admin != null) {
            admin.close();
        }
    }
}
