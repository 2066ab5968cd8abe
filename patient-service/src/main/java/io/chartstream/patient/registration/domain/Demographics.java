package io.chartstream.patient.registration.domain;

import io.chartstream.patient.matching.domain.MatchRecord;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The demographics the MPI matches on. Any part may be unknown (null); a birth date is known
 * only to the day, a partial date ("1980") counts as unknown. {@code phone} is digits only,
 * {@code address} the first line and postal code, {@code ssn} a national identifier the source
 * sent (matching evidence, never a link on its own).
 */
public record Demographics(
        String given, String family, LocalDate birthDate, String gender, String phone, String address, String ssn) {

    public static final Demographics UNKNOWN = new Demographics(null, null, null);

    public Demographics(String given, String family, LocalDate birthDate) {
        this(given, family, birthDate, null, null, null, null);
    }

    public Demographics {
        phone = phone == null ? null : blankToNull(phone.replaceAll("[^0-9]", ""));
        address = normalize(address);
        ssn = ssn == null ? null : blankToNull(ssn.replaceAll("[^0-9A-Za-z]", ""));
        gender = normalize(gender);
    }

    /**
     * The exact-match key (given names, family name, birth date; trimmed, case-insensitive),
     * or empty when any part is missing: an incomplete name never matches anyone.
     */
    public Optional<MatchKey> matchKey() {
        String g = normalize(given);
        String f = normalize(family);
        if (g == null || f == null || birthDate == null) {
            return Optional.empty();
        }
        return Optional.of(new MatchKey(g, f, birthDate));
    }

    /**
     * A certain match: the same match key and gender, and at least one more piece of evidence
     * equal (national identifier, phone or address). A name and birth date alone, which anyone can
     * learn about a public figure, are never certain.
     */
    public boolean certainlySamePersonAs(Demographics other) {
        if (matchKey().isEmpty() || !matchKey().equals(other.matchKey())) {
            return false;
        }
        if (gender == null || !gender.equals(other.gender)) {
            return false;
        }
        return same(ssn, other.ssn) || same(phone, other.phone) || same(address, other.address);
    }

    /** What probabilistic matching compares: the address split into its first line and postal code. */
    public MatchRecord matchRecord() {
        String line = address;
        String postalCode = null;
        int lastSpace = address == null ? -1 : address.lastIndexOf(' ');
        if (lastSpace > 0) {
            line = address.substring(0, lastSpace);
            postalCode = address.substring(lastSpace + 1);
        }
        return new MatchRecord(given, family, birthDate, gender, phone, line, postalCode, ssn);
    }

    /** Normalized demographics: two registrations with equal keys are candidates for the same person. */
    public record MatchKey(String given, String family, LocalDate birthDate) {}

    private static boolean same(String a, String b) {
        return a != null && Objects.equals(a, b);
    }

    private static String normalize(String text) {
        if (text == null) {
            return null;
        }
        return blankToNull(text.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
