package io.chartstream.patient.matching.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Rules a certain candidate person must also keep over all its records, not only the one that
 * scored best: a person whose other record says "someone else" is not certain. The pair rules
 * ({@link CertaintyRule}) see one record; a person gathers several (its first registration, the
 * ones linked since), and a twin's or a sister's record looks like the person's best exactly
 * where the others show the difference.
 */
public enum PersonRule {
    /**
     * no record of the person carries an SSN that differs beyond a typo from the submitted one:
     * two SSNs are two people, even when the record that scored best had none (a twin known under
     * her own SSN, submitted under her sister's name one slip away)
     */
    NO_DIFFERENT_SSN_ON_ANY_RECORD {
        @Override
        boolean holds(MatchRecord a, MatchRecord best, MatchScore score, Map<MatchRecord, MatchScore> scores) {
            return scores.values().stream().noneMatch(s -> s.level(Field.SSN) == Level.DIFFERENT);
        }
    },
    /**
     * a link as a married name (the given name agreeing, the family name not) needs the person's
     * records not to carry the agreeing name as a family name: if one does, the pair reads as well
     * the other way round, two women of one family whose registrations were both typed with the
     * names in each other's field (twin sisters share birth date, address and phone). The pair
     * alone cannot tell the two readings apart, nor can the records always (a married woman whose
     * earlier registration was typed crosswise looks the same), so a human decides: a review
     */
    MARRIED_NAME_IS_NOT_THE_FAMILY_NAME {
        @Override
        boolean holds(MatchRecord a, MatchRecord best, MatchScore score, Map<MatchRecord, MatchScore> scores) {
            String given = a.firstGiven();
            return given == null
                    || !CertaintyRule.onlyAsMarriedName(a, best, score.contributions())
                    || scores.keySet().stream().noneMatch(k -> given.equals(k.family()));
        }
    };

    /**
     * Whether the rule holds for the submitted record {@code a} (as it was compared), the person's
     * best record and its score, and every record of the person with its score.
     */
    abstract boolean holds(MatchRecord a, MatchRecord best, MatchScore score, Map<MatchRecord, MatchScore> scores);

    /** The rules the person breaks; none when its best record's certain score may stand. */
    public static Set<PersonRule> broken(
            MatchRecord a, MatchRecord best, MatchScore score, Map<MatchRecord, MatchScore> scores) {
        Set<PersonRule> broken = EnumSet.noneOf(PersonRule.class);
        for (PersonRule rule : values()) {
            if (!rule.holds(a, best, score, scores)) {
                broken.add(rule);
            }
        }
        return broken;
    }
}
