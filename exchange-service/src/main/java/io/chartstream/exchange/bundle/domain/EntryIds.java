package io.chartstream.exchange.bundle.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ids the gateway gives the new clinical entries of a Bundle. Under an Idempotency-Key they
 * are derived from the organization, the key, the request and the entry's index, so the same
 * Bundle processed twice (its answer was lost, the client retried) names the same entries and
 * the owner records nothing twice; without a key they are random.
 */
public final class EntryIds {

    private final String seed;

    private EntryIds(String seed) {
        this.seed = seed;
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

    public UUID forEntry(int index) {
        return seed == null
                ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((seed + index).getBytes(StandardCharsets.UTF_8));
    }
}
