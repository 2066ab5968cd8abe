package io.chartstream.exchange.access.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** What organizations, patients and the exchange ask of a person's access rules. */
public sealed interface AccessCommand {

    UUID personId();

    /** A clinician or system attests a treatment relationship (TEFCA treatment purpose). */
    record AttestTreatment(
            UUID personId,
            UUID relationshipId,
            String organization,
            String actor,
            String reason,
            String referral,
            String encounter,
            Instant at,
            Duration validFor)
            implements AccessCommand {}

    /** A clinician opens the record in an emergency. */
    record BreakGlass(
            UUID personId,
            UUID relationshipId,
            String organization,
            String actor,
            String reason,
            Instant at,
            Duration validFor)
            implements AccessCommand {}

    /** The organization (or the exchange, for inactivity) ends its relationships; {@code relationshipId} null: all. */
    record EndRelationship(
            UUID personId, String organization, UUID relationshipId, EndReason reason, String actor, Instant at)
            implements AccessCommand {}

    /** The patient, or an organization on the patient's behalf, records sharing choices. */
    record RecordConsent(
            UUID personId, UUID consentId, String recordedBy, String actor, SharingPolicy policy, Instant at)
            implements AccessCommand {}

    /** Ends every attested or emergency relationship whose time is up at {@code now}. */
    record ExpireRelationships(UUID personId, Instant now) implements AccessCommand {}
}
