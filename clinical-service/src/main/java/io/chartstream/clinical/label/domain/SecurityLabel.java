package io.chartstream.clinical.label.domain;

import io.chartstream.contracts.clinical.SecurityLabels;

import java.util.Set;

/** One security label (a FHIR {@code meta.security} coding): code system URI and code. */
public record SecurityLabel(String system, String code) {

    /** Confidentiality codes at least as strict as R (restricted, very restricted). */
    private static final Set<String> RESTRICTED_OR_STRICTER = Set.of(SecurityLabels.RESTRICTED, "V");

    public static SecurityLabel actCode(String code) {
        return new SecurityLabel(SecurityLabels.ACT_CODE_SYSTEM, code);
    }

    public static SecurityLabel restricted() {
        return new SecurityLabel(SecurityLabels.CONFIDENTIALITY_SYSTEM, SecurityLabels.RESTRICTED);
    }

    boolean isConfidentiality() {
        return SecurityLabels.CONFIDENTIALITY_SYSTEM.equals(system);
    }

    boolean isRestrictedOrStricter() {
        return isConfidentiality() && RESTRICTED_OR_STRICTER.contains(code);
    }
}
