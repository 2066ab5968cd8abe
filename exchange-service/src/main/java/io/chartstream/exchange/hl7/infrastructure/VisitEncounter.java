package io.chartstream.exchange.hl7.infrastructure;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationComponent;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationStatus;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Identifier;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A visit is ONE Encounter: the first ADT event of a visit number (PV1-19) creates it, every later
 * one (A02 transfer, A03 discharge, A08 update, A11 cancel admit, A13 cancel discharge) changes it.
 * Its entry id is derived from the organization and the visit identifier, so every event of the
 * visit names the same entry without a search.
 */
public final class VisitEncounter {

    private VisitEncounter() {}

    /** A11 and A13 cancel an event of a visit the exchange must already have. */
    public static boolean cancels(String triggerEvent) {
        return "A11".equals(triggerEvent) || "A13".equals(triggerEvent);
    }

    /** The visit's identifier (PV1-19 under its system), or null when the event names no visit. */
    public static Identifier visitOf(Encounter encounter) {
        for (Identifier identifier : encounter.getIdentifier()) {
            if (identifier.hasSystem() && identifier.hasValue()) {
                return identifier;
            }
        }
        return null;
    }

    /** The entry id of the visit's Encounter: one per organization and visit identifier. */
    public static UUID idOf(String organization, Identifier visit) {
        String name = "hl7-visit:" + organization + "\n" + visit.getSystem() + "|" + visit.getValue();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The visit's Encounter after an event: what the event reports, and from {@code current} what
     * it leaves out (start, end, attending, reason). A location left is kept as completed (a
     * transfer's history); a discharge is undone only by A13.
     */
    public static Encounter update(Encounter current, Encounter reported, String triggerEvent) {
        Encounter next = reported.copy();
        if (!next.getPeriod().hasStart() && current.getPeriod().hasStart()) {
            next.getPeriod().setStartElement(current.getPeriod().getStartElement());
        }
        if (!"A13".equals(triggerEvent)
                && !next.getPeriod().hasEnd()
                && current.getPeriod().hasEnd()) {
            next.getPeriod().setEndElement(current.getPeriod().getEndElement());
            if (next.getStatus() == EncounterStatus.INPROGRESS) {
                next.setStatus(EncounterStatus.FINISHED);
            }
        }
        if (!next.hasParticipant()) {
            next.setParticipant(current.getParticipant());
        }
        if (!next.hasReasonCode()) {
            next.setReasonCode(current.getReasonCode());
        }
        Set<String> now = new HashSet<>();
        for (EncounterLocationComponent location : next.getLocation()) {
            now.add(location.getLocation().getDisplay());
            location.setStatus(EncounterLocationStatus.ACTIVE);
        }
        int at = 0;
        for (EncounterLocationComponent earlier : current.getLocation()) {
            if (!now.contains(earlier.getLocation().getDisplay())) {
                next.getLocation().add(at++, earlier.copy().setStatus(EncounterLocationStatus.COMPLETED));
            }
        }
        return next;
    }
}
