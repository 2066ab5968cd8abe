package io.chartstream.patient.matching.domain;

import java.util.List;

/** A compared field and the levels its comparison can end at, best first (DIFFERENT last). */
public enum Field {
    GIVEN(List.of(Level.EXACT, Level.NICKNAME, Level.SIMILAR, Level.PHONETIC, Level.DIFFERENT)),
    FAMILY(List.of(Level.EXACT, Level.SIMILAR, Level.PHONETIC, Level.DIFFERENT)),
    BIRTH_DATE(List.of(Level.EXACT, Level.TRANSPOSED, Level.TYPO, Level.SAME_YEAR, Level.DIFFERENT)),
    GENDER(List.of(Level.EXACT, Level.DIFFERENT)),
    ADDRESS(List.of(Level.EXACT, Level.SIMILAR, Level.POSTAL_CODE, Level.DIFFERENT)),
    PHONE(List.of(Level.EXACT, Level.DIFFERENT)),
    SSN(List.of(Level.EXACT, Level.TYPO, Level.DIFFERENT));

    private final List<Level> levels;

    Field(List<Level> levels) {
        this.levels = levels;
    }

    public List<Level> levels() {
        return levels;
    }

    /** The name used in the weights file, events and API: {@code given}, {@code birth_date}, ... */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
