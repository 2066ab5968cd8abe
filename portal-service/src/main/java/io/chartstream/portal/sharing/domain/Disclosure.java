package io.chartstream.portal.sharing.domain;

import java.time.Instant;
import java.util.List;

/**
 * One line of the patient's accounting of disclosures: who (person and organization) did what
 * with the record, when and why, and whether it was served or refused. Break-the-glass reads and
 * openings carry purpose of use ETREAT.
 */
public record Disclosure(
        long sequence,
        Instant recorded,
        String user,
        String organization,
        String kind,
        List<String> what,
        String purposeOfUse,
        boolean refused,
        String detail) {

    public static final String EMERGENCY = "ETREAT";

    public Disclosure {
        what = what == null ? List.of() : List.copyOf(what);
    }

    public boolean breakTheGlass() {
        return EMERGENCY.equals(purposeOfUse) || "break-the-glass".equals(kind);
    }
}
