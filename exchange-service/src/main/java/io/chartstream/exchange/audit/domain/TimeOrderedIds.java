package io.chartstream.exchange.audit.domain;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for fresh audit records, in the layout of a version 7 UUID (RFC 9562): 48 bits of Unix
 * milliseconds, then 74 random bits. Ids written one after another sort after one another, so
 * the trail's unique index on them grows at its right edge instead of touching a random page per
 * record, as a random (version 4) id would.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {}

    /** A new id for a record made at {@code epochMillis}. */
    public static UUID next(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
