package io.chartstream.patient.matching.domain;

import java.util.Collection;
import java.util.List;

/**
 * Why a candidate was not linked: what a reviewer of a possible match reads beside the score. The
 * rules of {@link CertaintyRule} and {@link PersonRule} by their own names, the threshold, and the
 * ambiguity of two close certain persons.
 */
public enum HeldBack {
    BELOW_CERTAIN_THRESHOLD("the score is under the certain threshold"),
    CORROBORATED("no address, phone or SSN agrees: name, birth date and gender alone never link (decisions §9)"),
    GIVEN_AGREES("the given names agree only by sound, or by a slip while the genders differ, and no SSN agrees"),
    BIRTH_DATE_AGREES("the birth dates are more than a year apart and no SSN agrees"),
    NO_DIFFERENT_SSN("the SSNs differ beyond a typo"),
    DIFFERENT_FAMILY_NEEDS_SSN("the family names differ, not as a married name, and no SSN agrees"),
    NO_DIFFERENT_SSN_ON_ANY_RECORD("another record of the candidate carries an SSN that differs beyond a typo"),
    MARRIED_NAME_IS_NOT_THE_FAMILY_NAME(
            "it would link only as a married name, and a record of the candidate holds that given name as its"
                    + " family name (twins whose names were typed crosswise read the same)"),
    AMBIGUOUS("another candidate person is certain too, within 5 bits: the index may hold a duplicate or a twin");

    private final String reason;

    HeldBack(String reason) {
        this.reason = reason;
    }

    /** One sentence for a reviewer. */
    public String reason() {
        return reason;
    }

    public static HeldBack of(CertaintyRule rule) {
        return switch (rule) {
            case CORROBORATED -> CORROBORATED;
            case GIVEN_AGREES -> GIVEN_AGREES;
            case BIRTH_DATE_AGREES -> BIRTH_DATE_AGREES;
            case NO_DIFFERENT_SSN -> NO_DIFFERENT_SSN;
            case DIFFERENT_FAMILY_NEEDS_SSN -> DIFFERENT_FAMILY_NEEDS_SSN;
        };
    }

    public static HeldBack of(PersonRule rule) {
        return switch (rule) {
            case NO_DIFFERENT_SSN_ON_ANY_RECORD -> NO_DIFFERENT_SSN_ON_ANY_RECORD;
            case MARRIED_NAME_IS_NOT_THE_FAMILY_NAME -> MARRIED_NAME_IS_NOT_THE_FAMILY_NAME;
        };
    }

    static List<HeldBack> ofCertaintyRules(Collection<CertaintyRule> rules) {
        return rules.stream().map(HeldBack::of).toList();
    }

    static List<HeldBack> ofPersonRules(Collection<PersonRule> rules) {
        return rules.stream().map(HeldBack::of).toList();
    }
}
