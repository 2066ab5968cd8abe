package io.chartstream.patient.matching.domain;

import java.util.Objects;

/**
 * How much of a large block is read. A blocking key that files more than {@link #SIZE} records (a
 * common family name and birth year, a common given and family name) holds mostly strangers with
 * the same name: reading and scoring all of them would make every registration of a Smith born in
 * 1980 cost hundreds of rows. From such a block only the records that agree with the submission on
 * phone, SSN or postal code are read (and those whose address has no postal code, or all of it when
 * the submission's address has none). Nothing a registration acts on is lost: a certain link must
 * be corroborated by address (same line and postal code, or a misspelt line with the same postal
 * code), phone or SSN (decisions §9), and without any of them the shipped weights add up to at most
 * 30 bits, under the 32.5 a review needs. The one corroboration the rule does not carry out of a
 * large block is an SSN with a typo; such a record is still read from the block's small keys (the
 * same birth date, the given name and birth month).
 */
public final class LargeBlocks {

    /** More records than this under one key make it a large block. */
    public static final int SIZE = 100;

    private LargeBlocks() {}

    /** Whether {@code filed}, from a large block, is read for {@code submitted}. */
    public static boolean read(MatchRecord submitted, MatchRecord filed) {
        return same(submitted.phone(), filed.phone())
                || same(submitted.ssn(), filed.ssn())
                || same(submitted.postalCode(), filed.postalCode())
                || filed.postalCode() == null && filed.addressLine() != null
                || submitted.postalCode() == null && submitted.addressLine() != null;
    }

    private static boolean same(String a, String b) {
        return a != null && Objects.equals(a, b);
    }
}
