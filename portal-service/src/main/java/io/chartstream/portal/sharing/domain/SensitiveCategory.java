package io.chartstream.portal.sharing.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The sensitive categories a patient may withhold, by their security-label code (HL7 v3 ActCode,
 * the codes the exchange labels entries with). 42 CFR Part 2 records are not among them: they are
 * withheld unless shared with a named organization.
 */
public enum SensitiveCategory {
    ETH("Substance use"),
    HIV("HIV and AIDS"),
    PSY("Mental health"),
    SEX("Sexual and reproductive health");

    private final String label;

    SensitiveCategory(String label) {
        this.label = label;
    }

    public String code() {
        return name();
    }

    public String label() {
        return label;
    }

    public static Optional<SensitiveCategory> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.name().equals(code)).findFirst();
    }
}
