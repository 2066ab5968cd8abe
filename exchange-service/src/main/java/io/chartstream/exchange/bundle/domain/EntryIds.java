package io.chartstream.exchange.bundle.domain;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ids the gateway gives the new clinical entries of a Bundle. Under an Idempotency-Key they
 * are derived from the organization, the key, the request and the entry's index, so the same
 * Bundle processed twice (its answer was lost, the client retried) names the same entries and
 * the owner records nothing twice; without a key they are random.
 */
public final class EntryIds {

    private final String seed;
    /** Entries whose id the caller chose (an HL7 visit's Encounter: one id per visit, not per message). */
    private final Map<Integer, UUID> chosen;

    private EntryIds(String seed) {
        this(seed, Map.of());
    }

    private EntryIds(String seed, Map<Integer, UUID> chosen) {
        this.seed = seed;
        this.chosen = chosen;
    }

    public static EntryIds derived(String organization, String idempotencyKey, String fingerprint) {
        return new EntryIds("bundle:" + organization + "\n" + idempotencyKey + "\n" + fingerprint + "\n");
    }

    public static EntryIds random() {
        return new EntryIds(null);
    }

    /** The ids of a batch's entry {@code index}, processed as a Bundle of its own. */
    public EntryIds forBatchEntry(int index) {
        return seed == null ? this : new EntryIds(seed + "batch:" + index + "\n");
    }

    /** These ids, except that entry {@code index} is created with {@code id}. */
    public EntryIds choosing(int index, UUID id) {
        Map<Integer, UUID> with = new HashMap<>(chosen);
        with.put(index, id);
        return new EntryIds(seed, Map.copyOf(with));
    }

    /**
     * These ids for the Bundle of only the entries {@code kept} (indexes of this one, in order):
     * each entry keeps the id it had here.
     */
    public EntryIds keeping(List<Integer> kept) {
        Map<Integer, UUID> with = new HashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            with.put(i, forEntry(kept.get(i)));
        }
        return new EntryIds(seed, Map.copyOf(with));
    }

    public UUID forEntry(int index) {
        if (chosen.containsKey(index)) {
            return chosen.get(index);
        }
        return seed == null
                ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((seed + index).getBytes(StandardCharsets.UTF_8));
    }
}
