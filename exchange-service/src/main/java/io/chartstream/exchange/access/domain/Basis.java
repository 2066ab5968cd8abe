package io.chartstream.exchange.access.domain;

/** Why an organization may see a person's record. */
public enum Basis {
    /** it holds an identifier of its own assigning authority for the person, linked at certain confidence */
    IDENTIFIER("identifier"),
    /** it attested a treatment relationship (purpose of use TREAT) */
    TREATMENT_ATTESTATION("treatment-attestation"),
    /** a clinician broke the glass (purpose of use ETREAT) */
    EMERGENCY_ACCESS("emergency-access");

    private final String wireName;

    Basis(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Basis fromWireName(String name) {
        for (Basis b : values()) {
            if (b.wireName.equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown basis " + name);
    }
}
