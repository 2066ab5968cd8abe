package io.chartstream.exchange.audit.domain;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        long at = 1_796_500_000_123L;

        UUID id = TimeOrderedIds.next(at);

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(at, id.getMostSignificantBits() >>> 16);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAndNoneRepeats() {
        Set<UUID> seen = new HashSet<>();
        UUID previous = TimeOrderedIds.next(1_000L);
        seen.add(previous);
        for (long ms = 1_001L; ms < 11_000L; ms++) {
            UUID id = TimeOrderedIds.next(ms);
            assertTrue(Long.compareUnsigned(id.getMostSignificantBits(), previous.getMostSignificantBits()) > 0);
            assertTrue(seen.add(id));
            previous = id;
        }
    }
}
