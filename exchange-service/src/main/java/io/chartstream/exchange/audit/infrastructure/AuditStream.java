package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.audit.AuditAnchorV1;
import io.chartstream.contracts.audit.AuditStreams;
import io.chartstream.eventsourcing.runtime.DaemonTimers;
import io.chartstream.eventsourcing.runtime.KafkaSettings;
import io.chartstream.exchange.audit.domain.AuditChain;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Publishes the audit trail for an external SIEM: every record, in sequence order, as a FHIR R4
 * AuditEvent on {@code chartstream.audit.events} (key: the patient, or {@code none}; header
 * {@code chartstream-audit-sequence}), and the chain's head as an anchor on
 * {@code chartstream.audit.anchors} ({@code {"sequence","hash","at"}}) whenever it moved, at most
 * every {@code chartstream.audit.anchor-every}. How far it got is kept in
 * {@code audit.audit_publication} ({@link AuditPublication}) and advanced only after Kafka
 * acknowledged: at least once, in order, never skipping a sequence; one replica at a time (a
 * transaction advisory lock).
 */
@ApplicationScoped
public class AuditStream {

    public static final String EVENTS_TOPIC = Topics.AUDIT_EVENTS;
    public static final String ANCHORS_TOPIC = Topics.AUDIT_ANCHORS;
    public static final String SEQUENCE_HEADER = AuditStreams.SEQUENCE_HEADER;

    private static final Logger LOG = Logger.getLogger(AuditStream.class);
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final String bootstrapServers;
    private final Duration publishEvery;
    private final Duration anchorEvery;
    private final Function<AuditChain.Link, String> encode;
    private ScheduledExecutorService timer;
    private Producer<String, byte[]> producer;
    private volatile Instant lastAnchor = Instant.EPOCH;
    private volatile long gapWarnedAt = -1;

    public AuditStream(
            DataSource dataSource,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "chartstream.audit.publish-every", defaultValue = "1s") Duration publishEvery,
            @ConfigProperty(name = "chartstream.audit.anchor-every", defaultValue = "60s") Duration anchorEvery) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.publishEvery = publishEvery;
        this.anchorEvery = anchorEvery;
        this.encode = AuditEvents.streamEncoder();
    }

    void onStart(@Observes StartupEvent start) {
        producer = KafkaSettings.flushingProducer(bootstrapServers, "audit-stream");
        timer = DaemonTimers.single("audit-stream");
        timer.scheduleWithFixedDelay(
                this::runSafely, publishEvery.toMillis(), publishEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Rounds until the stream has caught up: at more than a batch per period it would fall behind for good. */
    private void runSafely() {
        try {
            int published;
            do {
                published = round();
            } while (published == BATCH); // a full batch: more are waiting
        } catch (Exception e) {
            LOG.warnf("publishing the audit trail failed (%s); next try in %s", e.toString(), publishEvery);
        }
    }

    /** One round: the next records, then an anchor when due. Returns how many records were published. */
    int round() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!AuditPublication.lock(c)) {
                    c.rollback();
                    return 0;
                }
                AuditPublication.Progress progress = AuditPublication.progress(c);
                long head = AuditLog.headSequence(c);
                List<AuditChain.Link> links = AuditPublication.next(c, progress.published(), head, BATCH);
                publish(links);
                long published = progress.published() + links.size();
                if (!links.isEmpty()) {
                    AuditPublication.published(c, published);
                }
                warnOfGap(links.size(), published, head);
                anchorIfDue(c, progress.anchored());
                c.commit();
                return links.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void publish(List<AuditChain.Link> links) throws Exception {
        if (links.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (AuditChain.Link link : links) {
            String key = link.entry().patient() == null
                    ? "none"
                    : link.entry().patient().toString();
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(EVENTS_TOPIC, key, encode.apply(link).getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(SEQUENCE_HEADER, String.valueOf(link.sequence()).getBytes(StandardCharsets.UTF_8));
            Future<RecordMetadata> f = producer.send(record);
            if (f.isDone()) {
                f.get(); // refused at once (Kafka unreachable): stop, rather than wait once per record
            }
            sent.add(f);
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    /** A record missing below the head stops the stream before it (never skipped); said once per place. */
    private void warnOfGap(int batch, long published, long head) {
        if (batch < BATCH && published < head && gapWarnedAt != published) {
            gapWarnedAt = published;
            LOG.errorf(
                    "audit record %d is missing below the head (%d): the SIEM stream waits there;"
                            + " GET /admin/audit/verify names it",
                    published + 1, head);
        }
    }

    private void anchorIfDue(Connection c, long anchored) throws Exception {
        if (Instant.now().isBefore(lastAnchor.plus(anchorEvery))) {
            return;
        }
        AuditChain.Link head = AuditLog.head(c);
        if (head == null || head.sequence() <= anchored) {
            return;
        }
        String anchor = ContractJson.write(
                new AuditAnchorV1(head.sequence(), head.hash(), Instant.now().toString()));
        Future<RecordMetadata> sent =
                producer.send(new ProducerRecord<>(ANCHORS_TOPIC, "anchor", anchor.getBytes(StandardCharsets.UTF_8)));
        producer.flush();
        sent.get(30, TimeUnit.SECONDS);
        AuditPublication.anchored(c, head.sequence());
        lastAnchor = Instant.now();
    }
}
