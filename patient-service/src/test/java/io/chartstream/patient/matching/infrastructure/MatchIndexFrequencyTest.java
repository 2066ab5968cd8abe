package io.chartstream.patient.matching.infrastructure;

import io.chartstream.patient.matching.domain.MatchRecord;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What decisions §34's option reads from the blocking index on real PostgreSQL: how often a name's
 * sound is filed (counted only as far as it matters) and how many records the index holds. In a
 * transaction rolled back at the end, so the shared test database keeps nothing of it.
 */
@QuarkusTest
class MatchIndexFrequencyTest {

    @Inject
    DataSource dataSource;

    @Inject
    MatchIndex matchIndex;

    private static MatchRecord born(String given, String family, int day) {
        return new MatchRecord(given, family, LocalDate.of(1975, 11, day), "female", null, null, null, null);
    }

    @Test
    void aNamesRecordsAreCountedUnderItsSoundAndOnlyAsFarAsAsked() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long before = matchIndex.nameRecords(c, born("Katherine", "Wojciechowska", 1), 1_000);
                for (int day = 1; day <= 3; day++) {
                    matchIndex.file(c, UUID.randomUUID(), "riverside-clinic", born("Katherine", "Wojciechowska", day));
                }
                // Catherine Wojciechowska sounds the same (K0RN): rarity is the sound's, as the blocking key files it
                matchIndex.file(c, UUID.randomUUID(), "st-marys-hospital", born("Catherine", "Wojciechowska", 9));

                assertEquals(before + 4, matchIndex.nameRecords(c, born("Katherine", "Wojciechowska", 1), 1_000));
                assertEquals(
                        2, matchIndex.nameRecords(c, born("Katherine", "Wojciechowska", 1), 1), "counted to 1 + 1");
                assertEquals(Long.MAX_VALUE, matchIndex.nameRecords(c, born(null, "Wojciechowska", 1), 1));
                assertTrue(matchIndex.records(c, 10) >= 4, "at least the records filed here");
            } finally {
                c.rollback();
            }
        }
    }
}
