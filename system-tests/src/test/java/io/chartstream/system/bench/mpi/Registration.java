package io.chartstream.system.bench.mpi;

import java.util.Locale;

/**
 * One registration of the input: a patient (the ground truth's key) under one facility's MRN, with
 * the demographics its first message (the ADT^A04) carried; {@code duplicate} marks a second MRN of
 * the same patient at the same facility (the input's desk error that an ADT^A40 later reports).
 */
record Registration(
        String key,
        String facility,
        String oid,
        String mrn,
        boolean duplicate,
        String family,
        String given,
        String birthDate,
        String ssn) {

    /** The identifier system the directory binds to the facility's organization. */
    String system() {
        return "urn:oid:" + oid;
    }

    /** The exact-match baseline's name and birth date key, or null when one of them is missing. */
    String nameAndBirthDate() {
        if (blank(family) || blank(given) || blank(birthDate)) {
            return null;
        }
        return String.join(
                "|", family.trim().toLowerCase(Locale.ROOT), given.trim().toLowerCase(Locale.ROOT), birthDate.trim());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
