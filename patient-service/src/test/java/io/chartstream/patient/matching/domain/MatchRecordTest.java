package io.chartstream.patient.matching.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class MatchRecordTest {

    private static MatchRecord record(String given, String family, String gender, String phone, String line) {
        return new MatchRecord(given, family, LocalDate.of(1980, 5, 17), gender, phone, line, "10013", "123-45-6789");
    }

    @Test
    void submittedDemographicsAreNormalized() {
        MatchRecord r = record("  Ana\tMaría ", "O'Brien-Smith", "Female", "(617) 555-0123", " 1 Main  St ");
        assertEquals("ana maria", r.given());
        assertEquals("obriensmith", r.family());
        assertEquals("female", r.gender());
        assertEquals("6175550123", r.phone());
        assertEquals("1 main st", r.addressLine());
        assertEquals("123456789", r.ssn());
    }

    @Test
    void aRecordReadBackFromTheIndexIsKeptAsItIs() {
        String given = "ana maria";
        String line = "1 main st, apt 4";
        MatchRecord r = record(given, "smith", "female", "6175550123", line);
        assertSame(given, r.given());
        assertSame(line, r.addressLine());
    }

    @Test
    void normalizingTwiceChangesNothing() {
        List<String> names = List.of(
                "Ana María",
                "ana  maria",
                " ana",
                "ana ",
                "ANA",
                "Zoë",
                "o'neil",
                "a\u00a0b",
                "x\ty",
                "a-b",
                "é",
                "  ",
                "");
        for (String n : names) {
            MatchRecord once = record(n, n, n, n, n);
            MatchRecord twice = record(once.given(), once.family(), once.gender(), once.phone(), once.addressLine());
            assertEquals(once, twice, n);
        }
        assertNull(record("  ", "-", " ", "", "\t").given());
    }
}
