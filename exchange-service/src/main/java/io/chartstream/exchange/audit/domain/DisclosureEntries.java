package io.chartstream.exchange.audit.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Audit records of the gateway's answers about a person: a disclosure (a read, a search, an
 * operation, a registration's answer) with every resource it disclosed, and a refused read or
 * write. {@code what} names the interaction: "Patient/$everything" is an operation,
 * "Observation/read" a read, "Observation?patient" a search, "Patient/create" and
 * "Patient?conditional-create" (a registration's answer) and "X/write" a create.
 */
public final class DisclosureEntries {

    public static final String TYPE = "rest";
    public static final String NO_CARE_RELATIONSHIP = "no-care-relationship";

    private DisclosureEntries() {}

    /** What was disclosed to whom under which purpose of use; {@code resources} as "Type/id". */
    public static AuditEntry disclosed(
            UUID id,
            Instant at,
            UUID person,
            String organization,
            String actor,
            String purposeOfUse,
            String what,
            List<String> resources) {
        return new AuditEntry(
                id,
                at,
                TYPE,
                subtypeOf(what),
                actionOf(what),
                AuditEntry.SUCCESS,
                actor,
                organization,
                purposeOfUse,
                ChannelEntries.SOURCE,
                person,
                entities(person, what, resources),
                null);
    }

    /** A refused read or write of a known person's record: nothing was disclosed. */
    public static AuditEntry refused(UUID id, Instant at, UUID person, String organization, String actor, String what) {
        return new AuditEntry(
                id,
                at,
                TYPE,
                subtypeOf(what),
                actionOf(what),
                AuditEntry.REFUSED,
                actor,
                organization,
                null,
                ChannelEntries.SOURCE,
                person,
                entities(person, what, List.of()),
                NO_CARE_RELATIONSHIP);
    }

    static String subtypeOf(String what) {
        if (what.endsWith("/create") || what.endsWith("conditional-create")) {
            return "create";
        }
        if (what.contains("$")) {
            return "operation";
        }
        if (what.contains("?")) {
            return "search-type";
        }
        if (what.endsWith("/write")) {
            return "create";
        }
        return "read";
    }

    static String actionOf(String what) {
        if (what.contains("$")) {
            return "E";
        }
        return what.endsWith("/write") || what.endsWith("create") ? "C" : "R";
    }

    /** The patient, the interaction, then each disclosed resource once. */
    private static List<String> entities(UUID person, String what, List<String> resources) {
        Set<String> entities = new LinkedHashSet<>();
        entities.add("Patient/" + person);
        entities.add(what);
        entities.addAll(resources);
        return List.copyOf(entities);
    }
}
