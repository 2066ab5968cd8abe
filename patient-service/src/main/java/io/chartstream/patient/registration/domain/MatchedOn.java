package io.chartstream.patient.registration.domain;

/** Why a registration was linked to an existing person. */
public enum MatchedOn {
    /** one of the submitted identifiers already pointed at the person */
    IDENTIFIER("identifier"),
    /** given name, family name and birth date matched the person exactly */
    DEMOGRAPHICS("demographics");

    private final String wireName;

    MatchedOn(String wireName) {
        this.wireName = wireName;
    }

    /** The value in the published event ({@code "identifier"} or {@code "demographics"}). */
    public String wireName() {
        return wireName;
    }

    public static MatchedOn fromWireName(String name) {
        for (MatchedOn m : values()) {
            if (m.wireName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown matchedOn " + name);
    }
}
