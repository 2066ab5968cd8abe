package io.chartstream.loader.bundle;

/** How much one request may carry: entries and encoded bytes (the gateway's body limit). */
public record ChunkLimits(int maxEntries, long maxBytes) {

    public static final ChunkLimits DEFAULT = new ChunkLimits(1_000, 8L * 1024 * 1024);

    public ChunkLimits {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException(
                    "chunk limits must be positive: " + maxEntries + " entries, " + maxBytes + " bytes");
        }
    }
}
