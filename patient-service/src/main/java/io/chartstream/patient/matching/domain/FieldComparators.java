package io.chartstream.patient.matching.domain;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Compares one field of two records down to a {@link Level}. Pure; the libraries do the string
 * work (Commons Text's Jaro-Winkler, Commons Codec's Double Metaphone). Returns null when either
 * side is unknown: a missing field is no evidence either way.
 */
public final class FieldComparators {

    /** Jaro-Winkler at or above this is a typo of the same name (Jon/John is 0.93, Ann/Anna 0.94). */
    static final double NAME_SIMILAR = 0.90;

    static final double ADDRESS_SIMILAR = 0.90;

    /** Names shorter than this are compared by Jaro-Winkler only. */
    static final int MIN_SLIP_LENGTH = 4;

    private static final Pattern NOT_NUMBERS = Pattern.compile("[^0-9]+");

    private final Nicknames nicknames;
    private final NameSounds sounds;

    /** Name pairs compared so far; null in a comparator shared between threads. */
    private final Map<NamePair, Level> compared;

    public FieldComparators(Nicknames nicknames) {
        this(nicknames, new NameSounds(), null);
    }

    private FieldComparators(Nicknames nicknames, NameSounds sounds, Map<NamePair, Level> compared) {
        this.nicknames = nicknames;
        this.sounds = sounds;
        this.compared = compared;
    }

    /**
     * A comparator for one submitted record's candidates, on one thread, that compares a pair of
     * names once: a common name's hundred candidates carry a handful of given and family names,
     * and Jaro-Winkler and Double Metaphone were most of what scoring them cost. The levels are
     * those of {@link #compare} (a level depends on the two names only).
     */
    public FieldComparators forOneRecord() {
        return new FieldComparators(nicknames, sounds, new HashMap<>());
    }

    public Level compare(Field field, MatchRecord a, MatchRecord b) {
        return switch (field) {
            case GIVEN -> names(field, a.given(), b.given());
            case FAMILY -> names(field, a.family(), b.family());
            case BIRTH_DATE -> birthDate(a.birthDate(), b.birthDate());
            case GENDER -> exact(a.gender(), b.gender());
            case ADDRESS -> address(a, b);
            case PHONE -> exact(a.phone(), b.phone());
            case SSN -> ssn(a.ssn(), b.ssn());
        };
    }

    /** Given or family names, both normalized by {@link MatchRecord}; null when either is unknown. */
    private Level names(Field field, String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        if (compared == null) {
            return namesCompared(field, a, b);
        }
        return compared.computeIfAbsent(new NamePair(field, a, b), p -> namesCompared(p.field(), p.a(), p.b()));
    }

    private Level namesCompared(Field field, String a, String b) {
        return field == Field.GIVEN ? given(MatchRecord.firstOf(a), MatchRecord.firstOf(b), a, b) : family(a, b);
    }

    private record NamePair(Field field, String a, String b) {}

    private Level given(String a, String b, String fullA, String fullB) {
        if (a.equals(b) || fullA.replace(" ", "").equals(fullB.replace(" ", ""))) {
            return Level.EXACT;
        }
        if (nicknames.sameName(a, b)) {
            return Level.NICKNAME;
        }
        return similarOrPhonetic(a, b);
    }

    private Level family(String a, String b) {
        if (a.equals(b)) {
            return Level.EXACT;
        }
        // a double-barrelled name against one of its parts (Garcia Lopez, Lopez) is the same family
        if ((" " + a + " ").contains(" " + b + " ") || (" " + b + " ").contains(" " + a + " ")) {
            return Level.SIMILAR;
        }
        return similarOrPhonetic(a.replace(" ", ""), b.replace(" ", ""));
    }

    private Level similarOrPhonetic(String a, String b) {
        if (oneSlip(a, b) || ocrFolded(a).equals(ocrFolded(b)) || JaroWinklerBar.reaches(a, b, NAME_SIMILAR)) {
            return Level.SIMILAR;
        }
        if (sounds.alike(a, b)) {
            return Level.PHONETIC;
        }
        return Level.DIFFERENT;
    }

    /**
     * One keyboard slip (a letter replaced, left out, added, or two neighbours exchanged) in names
     * of four letters or more: Jaro-Winkler weighs the first letters most, so Sbrah or Amrgaret
     * fall under its bar. Shorter names are left to it (Mei and Wei are two names).
     */
    static boolean oneSlip(String a, String b) {
        if (a.length() < MIN_SLIP_LENGTH || b.length() < MIN_SLIP_LENGTH || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int j = 0;
        while (j < a.length() - i
                && j < b.length() - i
                && a.charAt(a.length() - 1 - j) == b.charAt(b.length() - 1 - j)) {
            j++;
        }
        int restA = a.length() - i - j;
        int restB = b.length() - i - j;
        if (restA <= 1 && restB <= 1) {
            return true;
        }
        return restA == 2 && restB == 2 && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i);
    }

    /** A scanner reads rn as m and cl as d (Srnith, Clonald): folded, they are one spelling. */
    static String ocrFolded(String name) {
        return name.replace("rn", "m").replace("cl", "d");
    }

    static Level birthDate(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.equals(b)) {
            return Level.EXACT;
        }
        String x = a.toString().replace("-", "");
        String y = b.toString().replace("-", "");
        boolean dayMonthSwapped = a.getYear() == b.getYear()
                && a.getMonthValue() == b.getDayOfMonth()
                && a.getDayOfMonth() == b.getMonthValue();
        if (dayMonthSwapped || adjacentSwap(x, y)) {
            return Level.TRANSPOSED;
        }
        boolean yearOff = a.getMonthValue() == b.getMonthValue()
                && a.getDayOfMonth() == b.getDayOfMonth()
                && Math.abs(a.getYear() - b.getYear()) == 1;
        if (differingDigits(x, y) == 1 || Math.abs(a.toEpochDay() - b.toEpochDay()) == 1 || yearOff) {
            return Level.TYPO;
        }
        return a.getYear() == b.getYear() ? Level.SAME_YEAR : Level.DIFFERENT;
    }

    private Level address(MatchRecord a, MatchRecord b) {
        if (a.addressLine() == null || b.addressLine() == null) {
            return a.postalCode() != null && a.postalCode().equals(b.postalCode()) ? Level.POSTAL_CODE : null;
        }
        boolean samePostal = Objects.equals(a.postalCode(), b.postalCode());
        if (a.addressLine().equals(b.addressLine()) && samePostal) {
            return Level.EXACT;
        }
        // a misspelt street, never another house: the numbers in the line must be the same
        if (JaroWinklerBar.reaches(a.addressLine(), b.addressLine(), ADDRESS_SIMILAR)
                && numbers(a.addressLine()).equals(numbers(b.addressLine()))
                && (samePostal || a.postalCode() == null || b.postalCode() == null)) {
            return Level.SIMILAR;
        }
        return samePostal && a.postalCode() != null ? Level.POSTAL_CODE : Level.DIFFERENT;
    }

    private static String numbers(String line) {
        return NOT_NUMBERS.matcher(line).replaceAll(" ").trim();
    }

    private static Level ssn(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.equals(b)) {
            return Level.EXACT;
        }
        return differingDigits(a, b) == 1 || adjacentSwap(a, b) ? Level.TYPO : Level.DIFFERENT;
    }

    private static Level exact(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        return a.equals(b) ? Level.EXACT : Level.DIFFERENT;
    }

    /** Same length, exactly one position differs; otherwise a large number. */
    private static int differingDigits(String a, String b) {
        if (a.length() != b.length()) {
            return Integer.MAX_VALUE;
        }
        int diff = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                diff++;
            }
        }
        return diff;
    }

    /** b is a with two neighbouring characters exchanged (19800517 vs 19805017). */
    private static boolean adjacentSwap(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int first = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (first >= 0) {
                    return i == first + 1
                            && a.charAt(first) == b.charAt(i)
                            && a.charAt(i) == b.charAt(first)
                            && a.substring(i + 1).equals(b.substring(i + 1));
                }
                first = i;
            }
        }
        return false;
    }
}
