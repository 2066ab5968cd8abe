package io.chartstream.patient.registration.domain;

import java.util.Optional;

/** What an administrator decides about a possible match. */
public enum ReviewDecision {
    /** the two are one person: joins identity only (decisions §9), and needs a merge */
    LINK("link"),
    /** two different people: remembered, never proposed again */
    NOT_A_MATCH("not-a-match");

    private final String wireName;

    ReviewDecision(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ReviewDecision> fromWireName(String name) {
        for (ReviewDecision d : values()) {
            if (d.wireName.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
