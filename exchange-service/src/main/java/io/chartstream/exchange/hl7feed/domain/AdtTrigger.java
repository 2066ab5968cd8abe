package io.chartstream.exchange.hl7feed.domain;

import java.util.Optional;

/**
 * Which ADT event an Encounter change of an organization's feed is sent as (HL7 v2.5.1 table
 * 0003). The feed says only "added" or "updated" and the Encounter as it now is, so the trigger
 * follows from its status: a visit that arrived is an admission (A01, inpatient classes) or a
 * registration (A04, any other class) when first seen and an update (A08) after; a finished visit
 * is a discharge (A03); a planned one a pre-admission (A05); a cancelled or mistaken one a cancel
 * of the admission (A11). A removal (the organization may no longer see it) is not an ADT event.
 */
public final class AdtTrigger {

    /** FHIR v3 ActCode classes HL7 v2 calls inpatient (PV1-2 "I"). */
    private static final java.util.Set<String> INPATIENT = java.util.Set.of("IMP", "ACUTE", "NONAC");

    private AdtTrigger() {}

    /**
     * @param change the feed's change: {@code added}, {@code updated} or {@code removed}
     * @param status the Encounter's status code (FHIR R4), null when absent
     * @param encounterClass the Encounter's class code (v3 ActCode), null when absent
     */
    public static Optional<String> of(String change, String status, String encounterClass) {
        if ("removed".equals(change)) {
            return Optional.empty();
        }
        String trigger = switch (status == null ? "unknown" : status) {
            case "planned" -> "A05";
            case "finished" -> "A03";
            case "cancelled", "entered-in-error" -> "A11";
            case "arrived", "triaged", "in-progress", "onleave" ->
                "added".equals(change) ? (isInpatient(encounterClass) ? "A01" : "A04") : "A08";
            default -> "A08";
        };
        return Optional.of(trigger);
    }

    /** PV1-2 (HL7 table 0004) for an Encounter class code. */
    public static String patientClass(String encounterClass) {
        if (encounterClass == null) {
            return "U";
        }
        if (isInpatient(encounterClass)) {
            return "I";
        }
        return switch (encounterClass) {
            case "EMER" -> "E";
            case "PRENC" -> "P";
            case "AMB", "HH", "VR", "OBSENC", "SS", "FLD" -> "O";
            default -> "U";
        };
    }

    private static boolean isInpatient(String encounterClass) {
        return encounterClass != null && INPATIENT.contains(encounterClass);
    }
}
