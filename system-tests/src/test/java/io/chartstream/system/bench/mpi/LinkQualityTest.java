package io.chartstream.system.bench.mpi;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkQualityTest {

    static Registration reg(String key, String facility, String mrn, boolean duplicate) {
        return new Registration(key, facility, "1.2." + facility, mrn, duplicate, "Doe", "Jo", "19800101", "");
    }

    static final Registration A1 = reg("A", "F1", "a1", false);
    static final Registration A2 = reg("A", "F2", "a2", false);
    static final Registration A3 = reg("A", "F3", "a3", false);
    static final Registration A1_DUPLICATE = reg("A", "F1", "a1d", true);
    static final Registration B1 = reg("B", "F1", "b1", false);
    static final Registration B2 = reg("B", "F2", "b2", false);
    static final Registration C3 = reg("C", "F3", "c3", false);
    static final List<Registration> ALL = List.of(A1, A2, A3, A1_DUPLICATE, B1, B2, C3);

    /** A's third registration wrongly joined with C; A's duplicate a person of its own; B whole. */
    static Map<Registration, String> persons() {
        Map<Registration, String> persons = new HashMap<>();
        persons.put(A1, "p1");
        persons.put(A2, "p1");
        persons.put(A3, "p2");
        persons.put(C3, "p2");
        persons.put(B1, "p3");
        persons.put(B2, "p3");
        persons.put(A1_DUPLICATE, "p4");
        return persons;
    }

    @Test
    void aWrongJoinIsAWrongLinkAndLowersPrecision() {
        LinkQuality q = LinkQuality.of(ALL, persons()::get, Hl7MpiReport.Pairs.PRIMARY.counted);

        assertEquals(4, q.expected(), "A: three pairs of three facilities, B: one");
        assertEquals(2, q.linked());
        assertEquals(1, q.wrong(), "A3 and C3 under one person");
        assertEquals(2, q.missed());
        assertEquals(2.0 / 3, q.precision(), 1e-9);
        assertEquals(0.5, q.recall(), 1e-9);
        assertEquals(2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), q.f1(), 1e-9);
    }

    @Test
    void aSameFacilityDuplicateIsCountedInItsOwnClass() {
        LinkQuality duplicates = LinkQuality.of(ALL, persons()::get, Hl7MpiReport.Pairs.DUPLICATES.counted);
        LinkQuality all = LinkQuality.of(ALL, persons()::get, Hl7MpiReport.Pairs.ALL.counted);

        assertEquals(3, duplicates.expected(), "the duplicate with A1, A2, A3");
        assertEquals(0, duplicates.linked());
        assertEquals(0, duplicates.wrong());
        assertEquals(7, all.expected());
        assertEquals(2, all.linked());
        assertEquals(1, all.wrong());
    }

    @Test
    void aRegistrationNotFoundLinksNothingAndAllTogetherIsNoLongerPrecise() {
        Map<Registration, String> persons = persons();
        persons.put(A2, null);
        persons.put(B2, null);
        LinkQuality missing = LinkQuality.of(ALL, persons::get, Hl7MpiReport.Pairs.PRIMARY.counted);
        assertEquals(0, missing.linked());
        assertEquals(1, missing.wrong());
        assertEquals(0.0, missing.precision());

        LinkQuality lumped = LinkQuality.of(ALL, r -> "one", Hl7MpiReport.Pairs.ALL.counted);
        assertEquals(1.0, lumped.recall());
        assertEquals(7.0 / 21, lumped.precision(), 1e-9, "7 of the 21 pairs are of one patient");
    }

    @Test
    void nothingLinkedAndNothingExpectedIsNeitherWrongNorMissed() {
        LinkQuality q = LinkQuality.of(List.of(A1, B1), r -> null, Hl7MpiReport.Pairs.ALL.counted);
        assertEquals(0, q.expected());
        assertEquals(1.0, q.precision());
        assertEquals(1.0, q.recall());
    }
}
