package io.chartstream.system.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Sends a phase's requests from a fixed number of workers, each sending its next request when its
 * last one answered (a closed loop, as a FHIR client's connection pool does), and stops taking new
 * requests at the run's deadline.
 */
final class ClosedLoop {

    /** What one request came back with: the created resource's id (null for a read), or why it failed. */
    record Outcome(boolean ok, String createdId, String error) {

        static Outcome answered(String createdId) {
            return new Outcome(true, createdId, null);
        }

        static Outcome failed(String error) {
            return new Outcome(false, null, error);
        }
    }

    private final int workers;
    private final long deadlineNanos;

    ClosedLoop(int workers, long deadlineNanos) {
        this.workers = workers;
        this.deadlineNanos = deadlineNanos;
    }

    /** Sends requests 0 to {@code count - 1}; each is timed from its start to its outcome. */
    PhaseResult run(String operation, int count, IntFunction<Outcome> request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean truncated = new AtomicBoolean();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, count)));
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < Math.min(workers, count); w++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        if (System.nanoTime() - deadlineNanos > 0) {
                            truncated.set(true);
                            return;
                        }
                        long sent = System.nanoTime();
                        Outcome outcome = request.apply(i);
                        if (outcome.ok()) {
                            latencies.add(System.nanoTime() - sent);
                            if (outcome.createdId() != null) {
                                ids.add(outcome.createdId());
                            }
                        } else {
                            errors.add(outcome.error());
                        }
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new PhaseResult(
                operation, latencies, errors, ids, Duration.ofNanos(System.nanoTime() - start), truncated.get());
    }
}
