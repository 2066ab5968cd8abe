package io.chartstream.eventsourcing.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reads a view's topics from their beginning up to the end offsets they had when reading
 * started, on its own thread and a couple of polls ahead of the rebuild: fetching and decoding
 * (Kafka, in this JVM) overlap with applying (PostgreSQL) instead of taking turns. At the end it
 * hands the consumer over, positioned exactly at those end offsets, for the catch-up under the lock.
 */
final class HistoryReader implements AutoCloseable {

    private static final DecodedBatch END = new DecodedBatch(List.of(), List.of());

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Thread thread;
    /** Decoded batches (or the reader's failure), at most two ahead of the applier: bounded memory. */
    private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(2);

    private final CompletableFuture<Long> total = new CompletableFuture<>();
    private volatile boolean running = true;
    private Map<TopicPartition, Long> end;

    HistoryReader(Map<String, Object> consumerConfig, List<String> topics, String name) {
        this.consumer = new KafkaConsumer<>(consumerConfig);
        this.topics = topics;
        this.thread = new Thread(this::read, "rebuild-reader-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** How many records lie between the beginning and the end offsets; waits until the reader knows. */
    long total() throws Exception {
        try {
            return total.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the offsets of " + topics, e.getCause());
        }
    }

    /** The next batch in offset order per partition; an empty batch once the end offsets are reached. */
    DecodedBatch next() throws InterruptedException {
        Object item = ahead.take();
        if (item instanceof Throwable failure) {
            throw new IllegalStateException("reading " + topics + " failed", failure);
        }
        return (DecodedBatch) item;
    }

    /** After the empty batch: the consumer, at the end offsets, for the caller's thread to use. */
    KafkaConsumer<String, byte[]> handOver() throws InterruptedException {
        thread.join();
        end.forEach(consumer::seek); // the last poll may have fetched past them
        return consumer;
    }

    private void read() {
        try {
            List<TopicPartition> partitions = partitionsOf();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            end = consumer.endOffsets(partitions);
            total.complete(partitions.stream()
                    .mapToLong(tp -> end.get(tp) - begin.get(tp))
                    .sum());
            while (running && !reached(consumer, end)) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        batch.add(r);
                    }
                }
                if (!batch.isEmpty()) {
                    ahead.put(DecodedBatch.of(batch));
                }
            }
            ahead.put(END);
        } catch (Exception e) {
            total.completeExceptionally(e);
            if (running) {
                try {
                    ahead.put(e); // close() interrupts this if the applier is gone
                } catch (InterruptedException closed) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private List<TopicPartition> partitionsOf() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return partitions;
    }

    static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        consumer.close();
    }
}
