package io.chartstream.patient.registration.domain;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The demographics the MPI matches on. Any part may be unknown (null); a birth date is known
 * only to the day, a partial date ("1980") counts as unknown.
 */
public record Demographics(String given, String family, LocalDate birthDate) {

    public static final Demographics UNKNOWN = new Demographics(null, null, null);

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

    /** Normalized demographics: two registrations with equal keys are the same person. */
    public record MatchKey(String given, String family, LocalDate birthDate) {}

    private static String normalize(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return n.isEmpty() ? null : n;
    }
}
