package io.chartstream.system.bench;

import io.chartstream.contracts.Topics;
import io.chartstream.system.Fhir;
import io.chartstream.system.RunningExchange;
import io.chartstream.system.Tokens;
import io.chartstream.testsupport.Eventually;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Write → hospital view and write → webhook latency over the running exchange ({@code ./chartstream up}).
 * riverside-clinic writes N observations through the gateway for a person st-marys-hospital also
 * registered. "Hospital view" is the arrival of the ViewChanged event on
 * {@code chartstream.org.st-marys-hospital.feed}, which commits in the same transaction as the
 * hospital's view row (so it is an upper bound for the view). "Webhook" is the arrival time the
 * demo receiver logged for the signed notification. Both measured from the write's response.
 *
 * <pre>mvn -B -q -pl system-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.chartstream.system.bench.PathLatencyBenchmark -Dexec.args="1000 4"</pre>
 */
public final class PathLatencyBenchmark {

    private static final Pattern RECEIVED = Pattern.compile("^(\\S+) VALID signature.*");
    private static final Pattern FOCUS = Pattern.compile("\"reference\":\"Observation/([0-9a-f-]{36})\"");

    private PathLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        RunningExchange.ensureUp();
        System.out.printf(
                "load average %.2f at start%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        String run = UUID.randomUUID().toString().substring(0, 8);
        String clinic = Tokens.system("riverside-clinic");
        String person = Fhir.createdId(Fhir.post(
                clinic,
                "Patient",
                Fhir.patient(Fhir.RIVERSIDE_MRN, "BENCH-" + run, "Bench" + run, "Lat", "1970-01-01"),
                null));
        Fhir.post(
                Tokens.system("st-marys-hospital"),
                "Patient",
                Fhir.patient(Fhir.ST_MARYS_MRN, "BENCH-" + run, "Bench" + run, "Lat", "1970-01-01"),
                null);

        Map<String, Long> writtenAt = new ConcurrentHashMap<>();
        Map<String, Long> viewAt = new ConcurrentHashMap<>();
        FeedWatcher feed = new FeedWatcher(viewAt);
        feed.start();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            double value = 70 + (i % 100);
            done.add(pool.submit(() -> {
                Response r = Fhir.post(clinic, "Observation", Fhir.glucose(person, value), null);
                if (r.statusCode() == 201) {
                    writtenAt.put(Fhir.createdId(r), System.currentTimeMillis());
                } else {
                    failures.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        awaitAtMost(Duration.ofSeconds(60), () -> viewAt.keySet().containsAll(writtenAt.keySet()));
        feed.stop();
        Map<String, Long> webhookAt = webhookArrivals(writtenAt, Duration.ofSeconds(120));

        System.out.printf(
                "%d writes (%d failed) at concurrency %d in %.1f s: %.0f writes/s through the gateway%n",
                writtenAt.size(), failures.get(), concurrency, seconds, writtenAt.size() / seconds);
        System.out.println("| path | p50 | p99 | max | seen |");
        System.out.println("|---|---|---|---|---|");
        print("write → st-marys-hospital view (feed event)", writtenAt, viewAt);
        print("write → st-marys-hospital webhook (signed, received)", writtenAt, webhookAt);
        System.out.printf(
                "load average %.2f at end%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(0);
    }

    private static void print(String label, Map<String, Long> from, Map<String, Long> to) {
        long[] latencies = from.entrySet().stream()
                .filter(e -> to.containsKey(e.getKey()))
                .mapToLong(e -> Math.max(0, to.get(e.getKey()) - e.getValue()))
                .sorted()
                .toArray();
        System.out.printf(
                "| %s | %s | %s | %s | %d of %d |%n",
                label,
                pct(latencies, 50),
                pct(latencies, 99),
                latencies.length == 0 ? "-" : latencies[latencies.length - 1] + " ms",
                latencies.length,
                from.size());
    }

    private static String pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return "-";
        }
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] + " ms";
    }

    /** Reads the demo receiver's journal: one line per notification, starting with its arrival time. */
    private static Map<String, Long> webhookArrivals(Map<String, Long> ids, Duration timeout) {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        Path journal = RunningExchange.home().resolve(".chartstream/logs/webhook-received.txt");
        awaitAtMost(timeout, Duration.ofSeconds(1), () -> {
            for (String line : Files.readAllLines(journal)) {
                Matcher received = RECEIVED.matcher(line);
                Matcher focus = FOCUS.matcher(line); // the notification's focus: the entry that changed
                if (received.matches() && focus.find() && ids.containsKey(focus.group(1))) {
                    arrivals.putIfAbsent(
                            focus.group(1), Instant.parse(received.group(1)).toEpochMilli());
                }
            }
            return arrivals.size() >= ids.size();
        });
        return arrivals;
    }

    /**
     * Waits for {@code condition} at most {@code timeout}; a path that is not complete by then is
     * reported as what it is ("seen n of m"), so the time-out is not an error. Arrival times are
     * taken where the event arrives, not when this polls.
     */
    private static void awaitAtMost(Duration timeout, Callable<Boolean> condition) {
        awaitAtMost(timeout, Duration.ofMillis(200), condition);
    }

    private static void awaitAtMost(Duration timeout, Duration poll, Callable<Boolean> condition) {
        try {
            Eventually.within(timeout).pollInterval(poll).until(condition);
        } catch (ConditionTimeoutException incomplete) {
            System.err.println("incomplete after " + timeout + "; the table shows what arrived");
        }
    }

    /** Consumes the hospital's feed topic and notes when each entry's change arrives. */
    private static final class FeedWatcher implements Runnable {
        private final Map<String, Long> arrivals;
        private volatile boolean running = true;
        private final AtomicBoolean positioned = new AtomicBoolean();
        private final Thread thread = new Thread(this, "feed-watcher");
        private static final Pattern ENTRY = Pattern.compile("\"id\"\\s*:\\s*\"(?:Observation/)?([0-9a-f-]{36})");

        FeedWatcher(Map<String, Long> arrivals) {
            this.arrivals = arrivals;
        }

        /** Returns once the consumer sits at the end of the feed, so every write's change is seen. */
        void start() {
            thread.start();
            Eventually.within(Duration.ofSeconds(30))
                    .alias("the feed consumer at the end")
                    .until(positioned::get);
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        @Override
        public void run() {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RunningExchange.KAFKA,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
                String topic = Topics.feedOf("st-marys-hospital");
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                positioned.set(true);
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.currentTimeMillis();
                        Matcher m = ENTRY.matcher(r.value());
                        while (m.find()) {
                            arrivals.putIfAbsent(m.group(1), now);
                        }
                    }
                }
            }
        }
    }
}
