package io.chartstream.patient.matching.domain;

/** What a total weight means for a registration and one candidate. */
public enum MatchOutcome {
    /** link: the same person */
    CERTAIN,
    /** an administrator decides; until then no link and no access */
    POSSIBLE,
    /** a different person */
    NONE
}
