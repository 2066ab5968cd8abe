package io.chartstream.eventsourcing.runtime;

import io.chartstream.eventsourcing.outbox.OutboxRelay;
import io.chartstream.eventsourcing.outbox.OutboxWakeUp;
import io.chartstream.eventsourcing.outbox.ParkedRows;
import io.chartstream.eventsourcing.projection.DeadLetters;
import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.eventsourcing.projection.ProjectionRunner;
import io.chartstream.eventsourcing.projection.RebuildJob;
import io.chartstream.eventsourcing.projection.RebuildProgress;
import io.chartstream.eventsourcing.projection.Redrive;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wires the runtime into a Quarkus service: the event store bean, the outbox relay for the
 * service's record topic, a live runner per {@link Projection} bean, and rebuild / redrive.
 */
@ApplicationScoped
public class EventSourcingRuntime {

    private final DataSource dataSource;
    private final EventSourcingConfig config;
    private final String bootstrapServers;
    private final MeterRegistry meters;
    private final Instance<Projection> projectionBeans;
    private final Map<String, ProjectionRunner> runners = new LinkedHashMap<>();
    private final Map<String, RebuildJob> rebuilds = new ConcurrentHashMap<>();
    private final ExecutorService adminJobs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "projection-admin");
        t.setDaemon(true);
        return t;
    });
    private final TransactionSynchronizationRegistry transactions;
    private OutboxRelay relay;
    private OutboxWakeUp wakeUp;
    private Producer<String, byte[]> producer;

    public EventSourcingRuntime(
            DataSource dataSource,
            EventSourcingConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            MeterRegistry meters,
            Instance<Projection> projectionBeans,
            TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.meters = meters;
        this.projectionBeans = projectionBeans;
    }

    @Produces
    @Singleton
    synchronized JdbcEventStore eventStore() {
        // a JTA writer's outbox NOTIFY goes out after its commit, not inside it (decisions §38)
        wakeUp = new OutboxWakeUp(dataSource);
        return new JdbcEventStore(new AfterCommitNotice(transactions, wakeUp));
    }

    void onStart(@Observes StartupEvent start) throws Exception {
        producer = KafkaSettings.reliableProducer(
                bootstrapServers, config.source(), config.outbox().maxMessageBytes());
        Optional<String> topic = config.outbox().topic();
        if (config.outbox().enabled() && topic.isPresent()) {
            // a producer of its own, made again when it cannot publish any more (§45); the dead
            // letters keep theirs
            relay = new OutboxRelay(
                    dataSource,
                    KafkaSettings.relayClients(
                            bootstrapServers, config.source(), config.outbox().maxMessageBytes()),
                    topic.get(),
                    config.source());
            relay.start();
            Gauge.builder("chartstream.outbox.published", relay, OutboxRelay::publishedCount)
                    .description("events the outbox relay published to Kafka")
                    .register(meters);
            Gauge.builder("chartstream.outbox.pending", relay, OutboxRelay::pending)
                    .description("events committed but not yet acknowledged by Kafka (grows while Kafka is away)")
                    .register(meters);
            Gauge.builder("chartstream.outbox.oldest.pending.seconds", relay, OutboxRelay::oldestPendingSeconds)
                    .description("age of the oldest event not yet on Kafka: how stale the views may be")
                    .register(meters);
            FunctionCounter.builder("chartstream.outbox.producer.replaced", relay, OutboxRelay::producersReplaced)
                    .description(
                            "times the relay closed a Kafka producer that could not publish any more and made a new one")
                    .register(meters);
            Gauge.builder("chartstream.outbox.parked", relay.parked(), ParkedRows::count)
                    .description("events Kafka refused for good, parked until an operator redrives them")
                    .register(meters);
        }
        if (config.projections().enabled()) {
            for (Projection projection : projectionBeans) {
                ProjectionRunner runner = new ProjectionRunner(
                        dataSource, projection, KafkaSettings.common(bootstrapServers), new DeadLetters(producer));
                runner.start();
                runners.put(projection.name(), runner);
                Gauge.builder("chartstream.projection.lag", runner, ProjectionRunner::lag)
                        .tag("projection", projection.name())
                        .description("events on assigned partitions not yet applied")
                        .register(meters);
                Gauge.builder("chartstream.projection.position", runner, ProjectionRunner::lastAppliedPosition)
                        .tag("projection", projection.name())
                        .description("source position of the last applied event")
                        .register(meters);
                Gauge.builder("chartstream.projection.dead.lettered", runner, ProjectionRunner::deadLetteredCount)
                        .tag("projection", projection.name())
                        .register(meters);
            }
        }
    }

    void onStop(@Observes ShutdownEvent stop) {
        runners.values().forEach(ProjectionRunner::close);
        if (relay != null) {
            relay.close();
        }
        adminJobs.shutdownNow();
        synchronized (this) {
            if (wakeUp != null) {
                wakeUp.close();
            }
        }
        if (producer != null) {
            producer.close();
        }
    }

    public Optional<OutboxRelay> relay() {
        return Optional.ofNullable(relay);
    }

    /** What sends the outbox's NOTIFY after JTA writers' commits (absent until the event store is first used). */
    public synchronized Optional<OutboxWakeUp> wakeUp() {
        return Optional.ofNullable(wakeUp);
    }

    public Collection<ProjectionRunner> runners() {
        return runners.values();
    }

    public Optional<ProjectionRunner> runner(String name) {
        return Optional.ofNullable(runners.get(name));
    }

    /** Starts a rebuild unless one is running; returns its progress. */
    public synchronized RebuildProgress rebuild(String name) {
        ProjectionRunner runner = runners.get(name);
        if (runner == null) {
            throw new IllegalArgumentException("no projection named " + name);
        }
        RebuildJob current = rebuilds.get(name);
        if (current != null && isActive(current.progress())) {
            return current.progress();
        }
        RebuildJob job = new RebuildJob(dataSource, runner.projection(), KafkaSettings.common(bootstrapServers), null);
        rebuilds.put(name, job);
        adminJobs.submit(job::run);
        return job.progress();
    }

    public Optional<RebuildProgress> rebuildProgress(String name) {
        return Optional.ofNullable(rebuilds.get(name)).map(RebuildJob::progress);
    }

    public Redrive.Result redrive(String name) throws Exception {
        ProjectionRunner runner = runners.get(name);
        if (runner == null) {
            throw new IllegalArgumentException("no projection named " + name);
        }
        return new Redrive(dataSource, runner.projection(), KafkaSettings.common(bootstrapServers)).run();
    }

    private static boolean isActive(RebuildProgress progress) {
        return "pending".equals(progress.state()) || "rebuilding".equals(progress.state());
    }
}
