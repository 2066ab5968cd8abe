package io.chartstream.loader.bundle;

import java.util.List;

/** One request of a file: its index in the file (0, 1, ...), its entries and the encoded bundle. */
public record Chunk(int index, List<PreparedEntry> entries, byte[] body) {

    public int size() {
        return entries.size();
    }
}
