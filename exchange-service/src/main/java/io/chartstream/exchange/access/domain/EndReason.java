package io.chartstream.exchange.access.domain;

/** Why a care relationship ended, as {@code CareRelationshipEnded.v1} spells it. */
public enum EndReason {
    REVOKED("revoked"),
    BLOCKED("blocked"),
    EXPIRED("expired"),
    INACTIVE("inactive");

    private final String wireName;

    EndReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
