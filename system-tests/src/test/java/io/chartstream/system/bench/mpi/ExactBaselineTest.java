package io.chartstream.system.bench.mpi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ExactBaselineTest {

    static Registration reg(String key, String mrn, String family, String given, String birth, String ssn) {
        return new Registration(key, "F" + mrn, "1.2", mrn, false, family, given, birth, ssn);
    }

    @Test
    void theSameSsnOrTheSameNameAndBirthDateLinkAndLinksAreTransitive() {
        Registration a = reg("A", "1", "Smith", "Ann", "19800101", "111");
        Registration byName = reg("A", "2", "SMITH", "ann", "19800101", "");
        Registration bySsnOfTheSecond = reg("A", "3", "Smyth", "Anne", "19800102", "111");
        Registration other = reg("B", "4", "Smith", "Ann", "19800102", "222");
        var clusters = ExactBaseline.clusters(List.of(a, byName, bySsnOfTheSecond, other));

        assertEquals(clusters.get(a), clusters.get(byName), "name and birth date, case aside");
        assertEquals(clusters.get(a), clusters.get(bySsnOfTheSecond), "the same SSN");
        assertNotEquals(clusters.get(a), clusters.get(other), "a day apart, another SSN");
    }

    @Test
    void aTransposedGivenNameAndNoSsnStayApart() {
        Registration a = reg("A", "1", "Lee", "Maria", "19800101", "111");
        Registration typo = reg("A", "2", "LEE", "Mraia", "19800101", "");
        var clusters = ExactBaseline.clusters(List.of(a, typo));
        assertNotEquals(clusters.get(a), clusters.get(typo));
    }
}
