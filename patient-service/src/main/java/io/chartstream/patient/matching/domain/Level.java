package io.chartstream.patient.matching.domain;

/** How well one field of two records agrees. Each field uses some of these (see {@link Field#levels()}). */
public enum Level {
    /** equal after normalization */
    EXACT,
    /** given names of the same nickname group (Bill and William) */
    NICKNAME,
    /** Jaro-Winkler similarity at or above the field's bar: a typo or an OCR slip */
    SIMILAR,
    /** the same Double Metaphone code: spelled as heard (Jon, John; Smyth, Smith) */
    PHONETIC,
    /** birth date: day and month swapped, or two adjacent digits swapped; SSN: see TYPO */
    TRANSPOSED,
    /** one digit wrong (birth date: or one day off; SSN: one digit wrong or two swapped) */
    TYPO,
    /** birth date: only the year agrees */
    SAME_YEAR,
    /** address: only the postal code agrees */
    POSTAL_CODE,
    /** both known and nothing above */
    DIFFERENT
}
