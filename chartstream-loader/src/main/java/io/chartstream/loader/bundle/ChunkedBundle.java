package io.chartstream.loader.bundle;

import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Reference;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's entries cut into consecutive requests of at most {@link ChunkLimits} each, in order.
 * After a chunk is accepted, {@link #accepted} learns the ids the server gave its entries; a later
 * chunk's reference to one of them ({@code urn:uuid:...}) is then rewritten to {@code Type/id}.
 * References within one chunk stay as they are: the server resolves them in the transaction.
 *
 * <p>A chunk never ends between an entry and an entry it refers to further on (possible only in a
 * reference cycle, see {@link DependencyOrder}): the boundary moves back, or, when no boundary
 * within the limits is possible, forward. One entry larger than the byte limit is sent alone.
 * Not thread-safe: one file is sent by one thread, chunk after chunk.
 */
public final class ChunkedBundle {

    private final BundleType type;
    private final List<PreparedEntry> entries;
    private final ChunkLimits limits;
    private final IParser parser;
    private final int[] reach;
    private final Map<String, String> locations = new HashMap<>();
    private int next;
    private int chunks;

    public ChunkedBundle(BundleType type, List<PreparedEntry> entries, ChunkLimits limits, IParser parser) {
        this.type = type;
        this.entries = List.copyOf(entries);
        this.limits = limits;
        this.parser = parser;
        this.reach = reach(this.entries);
    }

    public boolean hasNext() {
        return next < entries.size();
    }

    public Chunk next() {
        int end = boundary(next, Math.min(entries.size(), next + limits.maxEntries()));
        byte[] body = encode(next, end);
        while (body.length > limits.maxBytes() && end - next > 1) {
            long fits = (end - next) * limits.maxBytes() * 9 / 10 / body.length;
            int shorter = boundary(next, next + (int) Math.max(1, fits));
            if (shorter >= end) {
                break; // a reference cycle longer than the limit: send it whole, the server decides
            }
            end = shorter;
            body = encode(next, end);
        }
        Chunk chunk = new Chunk(chunks++, entries.subList(next, end), body);
        next = end;
        return chunk;
    }

    /** Records where the server put each entry of an accepted chunk (the response is in entry order). */
    public void accepted(Chunk chunk, Bundle response) {
        List<BundleEntryComponent> answers = response.getEntry();
        for (int i = 0; i < chunk.size() && i < answers.size(); i++) {
            String fullUrl = chunk.entries().get(i).fullUrl();
            String location = answers.get(i).getResponse().getLocation();
            if (fullUrl != null) {
                Locations.typeAndId(location).ifPresent(id -> locations.put(fullUrl, id));
            }
        }
    }

    /** The entries not yet in a chunk (what a refusal leaves unsent). */
    public List<PreparedEntry> remaining() {
        return entries.subList(next, entries.size());
    }

    private byte[] encode(int from, int to) {
        Bundle bundle = new Bundle().setType(type);
        for (PreparedEntry entry : entries.subList(from, to)) {
            for (Reference reference : entry.references()) {
                String id = locations.get(reference.getReference());
                if (id != null) {
                    reference.setReference(id);
                    reference.setResource(null);
                }
            }
            bundle.addEntry(entry.entry());
        }
        return parser.encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
    }

    /** The last boundary in (from, wanted] no reference crosses forwards; else the first after it. */
    private int boundary(int from, int wanted) {
        for (int end = wanted; end > from; end--) {
            if (end == entries.size() || reach[end] < end) {
                return end;
            }
        }
        int end = wanted + 1;
        while (end < entries.size() && reach[end] >= end) {
            end++;
        }
        return Math.min(end, entries.size());
    }

    /** reach[c]: the furthest entry referred to by any entry before c (-1 when none). */
    private static int[] reach(List<PreparedEntry> entries) {
        Map<String, Integer> byUrl = DependencyOrder.indexByFullUrl(entries);
        int[] reach = new int[entries.size() + 1];
        int furthest = -1;
        for (int i = 0; i < entries.size(); i++) {
            reach[i] = furthest;
            for (Reference reference : entries.get(i).references()) {
                Integer target = byUrl.get(reference.getReference());
                if (target != null) {
                    furthest = Math.max(furthest, target);
                }
            }
        }
        reach[entries.size()] = furthest;
        return reach;
    }
}
