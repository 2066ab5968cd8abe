package io.chartstream.patient.matching.domain;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The demographics one registration offers to probabilistic matching, normalized once: names in
 * lower case without accents or punctuation, phone and SSN digits only, the address split into
 * its first line and postal code. Any part may be unknown (null) and then says nothing.
 */
public record MatchRecord(
        String given,
        String family,
        LocalDate birthDate,
        String gender,
        String phone,
        String addressLine,
        String postalCode,
        String ssn) {

    // compiled once: every candidate read from the index is normalized again (String.replaceAll compiles each time)
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z ]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NOT_DIGITS = Pattern.compile("[^0-9]");

    public MatchRecord {
        given = name(given);
        family = name(family);
        gender = text(gender);
        phone = digits(phone);
        addressLine = text(addressLine);
        postalCode = text(postalCode);
        ssn = digits(ssn);
    }

    /** The first given name: the one a registration desk most reliably captures. */
    public String firstGiven() {
        return given == null ? null : firstOf(given);
    }

    /** The first of normalized given names. */
    static String firstOf(String given) {
        int space = given.indexOf(' ');
        return space < 0 ? given : given.substring(0, space);
    }

    /**
     * The record as if a desk had typed the names into each other's field: the family name as
     * the given name, the first given name as the family (a middle name never poses as a family).
     */
    public MatchRecord namesSwapped() {
        return new MatchRecord(family, firstGiven(), birthDate, gender, phone, addressLine, postalCode, ssn);
    }

    static String name(String s) {
        if (s != null && isPlainName(s)) {
            return s; // already normalized: what the index hands back for every candidate
        }
        String t = text(s);
        if (t == null) {
            return null;
        }
        String plain =
                MARKS.matcher(Normalizer.normalize(t, Normalizer.Form.NFD)).replaceAll("");
        return blankToNull(SPACES.matcher(NOT_LETTERS.matcher(plain).replaceAll(""))
                .replaceAll(" ")
                .trim());
    }

    private static String text(String s) {
        if (s != null && isPlainText(s)) {
            return s;
        }
        return s == null
                ? null
                : blankToNull(SPACES.matcher(s.trim()).replaceAll(" ").toLowerCase(Locale.ROOT));
    }

    private static String digits(String s) {
        if (s != null && isDigits(s)) {
            return s;
        }
        return s == null ? null : blankToNull(NOT_DIGITS.matcher(s).replaceAll(""));
    }

    /**
     * Lower-case ASCII letters with single spaces between words: what {@link #name} returns, and
     * returns unchanged. The check costs a scan; the normalization costs NFD and three expressions.
     */
    private static boolean isPlainName(String s) {
        return isPlain(s, true);
    }

    /** Printable ASCII but capitals, single spaces between words: {@link #text} leaves it as it is. */
    private static boolean isPlainText(String s) {
        return isPlain(s, false);
    }

    private static boolean isPlain(String s, boolean lettersOnly) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = c == ' '
                    ? s.charAt(i - 1) != ' '
                    : lettersOnly ? c >= 'a' && c <= 'z' : c > ' ' && c < 0x7f && (c < 'A' || c > 'Z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
