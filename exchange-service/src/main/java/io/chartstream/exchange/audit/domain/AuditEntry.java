package io.chartstream.exchange.audit.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One record of the audit trail, in the IHE Basic Audit Log Patterns shape: what happened
 * ({@code type}, {@code subtype}, {@code action} C/R/U/D/E), when, with what {@code outcome}
 * ({@code 0} success, {@code 4} refused), who (user, organization, purpose of use), reported by
 * which {@code source}, about which {@code patient} and which {@code entities} (resource references
 * or operations disclosed or changed). {@code sourceEventId} is the event it was derived from.
 */
public record AuditEntry(
        UUID sourceEventId,
        Instant recorded,
        String type,
        String subtype,
        String action,
        String outcome,
        String agentUser,
        String agentOrganization,
        String purposeOfUse,
        String source,
        UUID patient,
        List<String> entities,
        String detail) {

    public static final String SUCCESS = "0";
    public static final String REFUSED = "4";

    public AuditEntry {
        entities = entities == null ? List.of() : List.copyOf(entities);
        // what PostgreSQL keeps of a timestamp: the hash is checked against the stored value
        recorded = recorded == null ? null : recorded.truncatedTo(ChronoUnit.MICROS);
    }

    /** The fields in a fixed order, for the chain's hash: a change to any of them changes the hash. */
    public String canonical() {
        return String.join(
                "\u001f",
                sourceEventId.toString(),
                recorded.toString(),
                type,
                subtype,
                action,
                outcome,
                text(agentUser),
                text(agentOrganization),
                text(purposeOfUse),
                source,
                patient == null ? "" : patient.toString(),
                String.join("\u001e", entities),
                text(detail));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
