package io.chartstream.loader.progress;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.ToLongFunction;

/**
 * Entries per second over the last few seconds (not since the start), so the rate and the ETA
 * follow a change of pace, a slow large patient say, within one window.
 */
public final class RateWindow {

    private record Sample(long nanos, long loaded, long done) {}

    private final long windowNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public RateWindow(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    public void add(long nanos, long loaded, long done) {
        samples.addLast(new Sample(nanos, loaded, done));
        // drop the oldest sample while the next one is itself at least a window old
        while (samples.size() > 2) {
            Sample oldest = samples.removeFirst();
            if (nanos - samples.peekFirst().nanos() < windowNanos) {
                samples.addFirst(oldest);
                break;
            }
        }
    }

    public double loadedPerSecond() {
        return rate(Sample::loaded);
    }

    public double donePerSecond() {
        return rate(Sample::done);
    }

    private double rate(ToLongFunction<Sample> count) {
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        long nanos = last.nanos() - first.nanos();
        return nanos <= 0 ? 0 : (count.applyAsLong(last) - count.applyAsLong(first)) * 1e9 / nanos;
    }
}
