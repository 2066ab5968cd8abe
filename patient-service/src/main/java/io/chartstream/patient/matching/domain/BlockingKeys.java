package io.chartstream.patient.matching.domain;

import org.apache.commons.codec.language.DoubleMetaphone;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The keys under which a record is filed so that a match is a few index look-ups, never a scan.
 * A true match shares at least one key with its person unless it was corrupted on every one of
 * them: the same birth date; the family name's sound and birth year (a birth-date typo); the
 * given name's sound and birth month (a married name); phone; SSN; postal code and given name's
 * sound (a corrupted birth date and family name).
 */
public final class BlockingKeys {

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    private BlockingKeys() {}

    /**
     * The keys to look a submitted record up under: its own and those of its names read
     * crosswise, so a desk that swapped given and family name finds the person, and the other
     * way round, with nothing filed twice (existing rows need no new keys).
     */
    public static Set<String> lookup(MatchRecord r) {
        Set<String> keys = of(r);
        keys.addAll(of(r.namesSwapped()));
        return keys;
    }

    /** The keys a record is filed under. */
    public static Set<String> of(MatchRecord r) {
        Set<String> keys = new LinkedHashSet<>();
        String family = sound(r.family());
        String given = sound(r.firstGiven());
        if (r.birthDate() != null) {
            keys.add("dob|" + r.birthDate());
            if (family != null) {
                keys.add("fam|" + family + "|" + r.birthDate().getYear());
            }
            if (given != null) {
                keys.add("giv|" + given + "|" + r.birthDate().getYear() + "-"
                        + r.birthDate().getMonthValue());
            }
        }
        if (given != null && family != null) {
            keys.add(nameKey(given, family));
        }
        if (r.phone() != null) {
            keys.add("tel|" + r.phone());
        }
        if (r.ssn() != null) {
            keys.add("ssn|" + r.ssn());
        }
        if (r.postalCode() != null && given != null) {
            keys.add("zip|" + r.postalCode() + "|" + given);
        }
        return keys;
    }

    /**
     * The key of the record's full name's sound (first given and family name), under which every
     * record of that name is filed: how often it is filed is how common the name is (decisions §34).
     * Empty when either name is unknown.
     */
    public static java.util.Optional<String> nameKey(MatchRecord r) {
        String family = sound(r.family());
        String given = sound(r.firstGiven());
        return given == null || family == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(nameKey(given, family));
    }

    private static String nameKey(String givenSound, String familySound) {
        return "nam|" + givenSound + "|" + familySound;
    }

    private static String sound(String name) {
        if (name == null) {
            return null;
        }
        String code = METAPHONE.doubleMetaphone(name.replace(" ", ""));
        return code == null || code.isEmpty() ? null : code;
    }
}
