package io.chartstream.exchange.bundle.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class EntryIdsTest {

    @Test
    void underAKeyTheSameBundleNamesTheSameEntries() {
        EntryIds first = EntryIds.derived("riverside-clinic", "key-1", "abc");
        EntryIds again = EntryIds.derived("riverside-clinic", "key-1", "abc");

        assertEquals(first.forEntry(3), again.forEntry(3));
        assertEquals(first.forBatchEntry(2).forEntry(0), again.forBatchEntry(2).forEntry(0));
    }

    @Test
    void anotherEntryKeyRequestOrOrganizationNamesAnotherEntry() {
        EntryIds ids = EntryIds.derived("riverside-clinic", "key-1", "abc");

        assertNotEquals(ids.forEntry(0), ids.forEntry(1));
        assertNotEquals(
                ids.forEntry(0),
                EntryIds.derived("riverside-clinic", "key-2", "abc").forEntry(0));
        assertNotEquals(
                ids.forEntry(0),
                EntryIds.derived("riverside-clinic", "key-1", "abd").forEntry(0));
        assertNotEquals(
                ids.forEntry(0),
                EntryIds.derived("harbor-hospital", "key-1", "abc").forEntry(0));
        assertNotEquals(ids.forBatchEntry(1).forEntry(0), ids.forBatchEntry(2).forEntry(0));
    }

    @Test
    void withoutAKeyEveryIdIsNew() {
        EntryIds ids = EntryIds.random();

        assertNotEquals(ids.forEntry(0), ids.forEntry(0));
    }
}
