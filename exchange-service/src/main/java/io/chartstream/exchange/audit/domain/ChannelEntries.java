package io.chartstream.exchange.audit.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Audit records of the channels that push a record to an organization rather than answer a read:
 * a record published into its Kafka feed, a notification sent to its webhook, an {@code $events}
 * answer. A feed record and a notification are identified by the organization and the feed's
 * event number, so a retry or a redelivery is one record, not two.
 */
public final class ChannelEntries {

    public static final String SOURCE = "exchange-service";

    private ChannelEntries() {}

    /** One change of the organization's view published into its feed ({@code chartstream.org.<org>.feed}). */
    public static AuditEntry feedRecord(
            String organization, long eventNumber, UUID person, String change, String resource, Instant at) {
        return entry(
                "feed:" + organization + ":" + eventNumber,
                at,
                "feed-record",
                organization,
                "feed",
                person,
                resource,
                "feed event " + eventNumber + " (" + change + ")");
    }

    /** One notification sent to the organization's webhook (audited before it is sent, each attempt once). */
    public static AuditEntry webhookNotification(
            String organization, long eventNumber, UUID person, String change, String resource, Instant at) {
        return entry(
                "webhook:" + organization + ":" + eventNumber,
                at,
                "webhook-notification",
                organization,
                "webhook",
                person,
                resource,
                "notification " + eventNumber + " (" + change + ")");
    }

    /** One feed event sent to the organization's HL7 v2 endpoint (audited before it is sent, each attempt once). */
    public static AuditEntry hl7FeedMessage(
            String organization, long eventNumber, UUID person, String change, String resource, Instant at) {
        return entry(
                "hl7-feed:" + organization + ":" + eventNumber,
                at,
                "hl7-feed-message",
                organization,
                "hl7-feed",
                person,
                resource,
                "HL7 v2 message F" + eventNumber + " (" + change + ")");
    }

    /** An HIE administrator set ({@code endpoint}) or removed (null) where an organization's HL7 v2 feed goes. */
    public static AuditEntry hl7FeedChanged(String organization, String endpoint, String actor, Instant at) {
        return new AuditEntry(
                UUID.randomUUID(),
                at,
                "admin",
                endpoint == null ? "hl7-feed-removed" : "hl7-feed-set",
                "U",
                AuditEntry.SUCCESS,
                actor,
                null,
                null,
                SOURCE,
                null,
                List.of("Organization/" + organization),
                endpoint == null ? null : "HL7 v2 feed to " + endpoint);
    }

    /** One feed event answered to the organization's {@code $events} query. */
    public static AuditEntry eventsAnswer(
            UUID answerId,
            String organization,
            String actor,
            long eventNumber,
            UUID person,
            String resource,
            Instant at) {
        return entry(
                "events:" + answerId + ":" + eventNumber,
                at,
                "events-answer",
                organization,
                actor,
                person,
                resource,
                "$events answer, event " + eventNumber);
    }

    /**
     * An organization's care relationship on the identifier basis started: it registered the person
     * with an identifier of its own assigning authority (linked at certain confidence). One record
     * per organization and identifier, however often the registration is replayed.
     */
    public static AuditEntry identifierRelationshipStarted(
            UUID person, String organization, String identifier, Instant at) {
        return new AuditEntry(
                UUID.nameUUIDFromBytes(("relationship:" + person + ":" + organization + ":" + identifier)
                        .getBytes(StandardCharsets.UTF_8)),
                at,
                "access",
                "relationship-started",
                "C",
                AuditEntry.SUCCESS,
                null,
                organization,
                "TREAT",
                SOURCE,
                person,
                List.of("Patient/" + person, "identifier/" + identifier),
                "basis identifier");
    }

    /** An operator rebuilt or redrove one of the exchange's projections. */
    public static AuditEntry adminAction(String action, String projection, String actor, Instant at) {
        return new AuditEntry(
                UUID.randomUUID(),
                at,
                "admin",
                "projection-" + action,
                "E",
                AuditEntry.SUCCESS,
                actor,
                null,
                null,
                SOURCE,
                null,
                List.of("projection/" + projection),
                null);
    }

    /**
     * An HIE administrator decided a review of a possible match about {@code person} and
     * {@code candidate} (both unknown when the MPI did not take the decision: a link needing a
     * merge, a review no longer open, which is the refused outcome); {@code detail} says what.
     */
    public static AuditEntry matchReviewDecision(
            String reviewId, boolean taken, String actor, UUID person, UUID candidate, Instant at, String detail) {
        List<String> entities = new ArrayList<>();
        if (person != null) {
            entities.add("Patient/" + person);
        }
        if (candidate != null) {
            entities.add("Patient/" + candidate);
        }
        entities.add("match-review/" + reviewId);
        return new AuditEntry(
                UUID.randomUUID(),
                at,
                "admin",
                "match-review-decision",
                "U",
                taken ? AuditEntry.SUCCESS : AuditEntry.REFUSED,
                actor,
                null,
                "HOPERAT",
                SOURCE,
                person,
                entities,
                detail);
    }

    /**
     * An HIE administrator merged ({@code action} {@code person-merge}) or unmerged
     * ({@code person-unmerge}) two persons; {@code taken} when the MPI did it. The patient is the
     * survivor when known, else the merged person; both are entities, with the merge when known.
     */
    public static AuditEntry personMerge(
            String action,
            boolean taken,
            String actor,
            UUID survivor,
            UUID merged,
            String mergeId,
            Instant at,
            String detail) {
        List<String> entities = new ArrayList<>();
        if (survivor != null) {
            entities.add("Patient/" + survivor);
        }
        if (merged != null) {
            entities.add("Patient/" + merged);
        }
        if (mergeId != null) {
            entities.add("person-merge/" + mergeId);
        }
        return new AuditEntry(
                UUID.randomUUID(),
                at,
                "admin",
                action,
                "U",
                taken ? AuditEntry.SUCCESS : AuditEntry.REFUSED,
                actor,
                null,
                "HOPERAT",
                SOURCE,
                survivor != null ? survivor : merged,
                entities,
                detail);
    }

    /**
     * An organization asked (HL7 ADT^A40 {@code controlId}, sent by {@code actor}) that
     * {@code merged} be merged into {@code survivor}; {@code taken} when the MPI recorded it as a
     * review task {@code reviewId} (or found the two one person already), refused otherwise. The
     * persons are known only when the MPI named them.
     */
    public static AuditEntry mergeRequest(
            String organization,
            String actor,
            String controlId,
            boolean taken,
            UUID survivor,
            UUID merged,
            String reviewId,
            Instant at,
            String detail) {
        List<String> entities = new ArrayList<>();
        if (survivor != null) {
            entities.add("Patient/" + survivor);
        }
        if (merged != null && !merged.equals(survivor)) {
            entities.add("Patient/" + merged);
        }
        if (reviewId != null) {
            entities.add("match-review/" + reviewId);
        }
        entities.add("hl7-message/" + controlId);
        return new AuditEntry(
                UUID.randomUUID(),
                at,
                "admin",
                "person-merge-request",
                "C",
                taken ? AuditEntry.SUCCESS : AuditEntry.REFUSED,
                actor,
                organization,
                "HOPERAT",
                SOURCE,
                survivor != null ? survivor : merged,
                entities,
                detail);
    }

    private static AuditEntry entry(
            String identity,
            Instant at,
            String subtype,
            String organization,
            String actor,
            UUID person,
            String resource,
            String detail) {
        return new AuditEntry(
                UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)),
                at,
                "rest",
                subtype,
                "R",
                AuditEntry.SUCCESS,
                actor,
                organization,
                "TREAT",
                SOURCE,
                person,
                List.of("Patient/" + person, resource),
                detail);
    }
}
