package io.chartstream.loader.progress;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the load has done so far, counted by every sending thread and read by the progress bar. */
public final class Tally {

    /** Refused entries are counted by type and by the reason the server (or the loader) gave. */
    public record Refusal(String type, String reason) {}

    /** A point-in-time view for the progress bar. */
    public record Counts(int filesDone, int filesTotal, long loaded, long refused, long leftOut, long entriesTotal) {
        public long entriesDone() {
            return loaded + refused + leftOut;
        }
    }

    private final AtomicInteger filesTotal = new AtomicInteger();
    private final AtomicInteger filesDone = new AtomicInteger();
    private final AtomicLong entriesTotal = new AtomicLong();
    private final LongAdder loaded = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder leftOut = new LongAdder();
    private final LongAdder referencesCut = new LongAdder();
    private final LongAdder provenancesSplit = new LongAdder();
    private final Map<String, LongAdder> loadedByType = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> leftOutByType = new ConcurrentHashMap<>();
    private final Map<Refusal, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Queue<String> refusedFiles = new ConcurrentLinkedQueue<>();

    public void planned(int files, long entries) {
        filesTotal.set(files);
        entriesTotal.set(entries);
    }

    public void loaded(String type, long n) {
        loaded.add(n);
        loadedByType.computeIfAbsent(type, t -> new LongAdder()).add(n);
    }

    public void refused(String type, String reason, long n) {
        refused.add(n);
        refusals.computeIfAbsent(new Refusal(type, reason), r -> new LongAdder())
                .add(n);
    }

    public void leftOut(String type, long n) {
        leftOut.add(n);
        leftOutByType.computeIfAbsent(type, t -> new LongAdder()).add(n);
    }

    public void referencesCut(long n) {
        referencesCut.add(n);
    }

    public void provenancesSplit(long n) {
        provenancesSplit.add(n);
    }

    public long provenancesSplit() {
        return provenancesSplit.sum();
    }

    /** A file is done; {@code refusal} names what went wrong with it, or is null. */
    public void fileDone(String file, String refusal) {
        filesDone.incrementAndGet();
        if (refusal != null) {
            refusedFiles.add(file + ": " + refusal);
        }
    }

    public Counts counts() {
        return new Counts(
                filesDone.get(), filesTotal.get(), loaded.sum(), refused.sum(), leftOut.sum(), entriesTotal.get());
    }

    public Map<String, Long> loadedByType() {
        return sums(loadedByType);
    }

    public Map<String, Long> leftOutByType() {
        return sums(leftOutByType);
    }

    public Map<Refusal, Long> refusals() {
        Map<Refusal, Long> copy =
                new TreeMap<>(Comparator.comparing(Refusal::type).thenComparing(Refusal::reason));
        refusals.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    public long referencesCut() {
        return referencesCut.sum();
    }

    public List<String> refusedFiles() {
        return refusedFiles.stream().sorted().toList();
    }

    private static <K extends Comparable<K>> Map<K, Long> sums(Map<K, LongAdder> adders) {
        Map<K, Long> copy = new TreeMap<>();
        adders.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
