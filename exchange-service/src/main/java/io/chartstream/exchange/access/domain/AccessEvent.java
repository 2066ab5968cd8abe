package io.chartstream.exchange.access.domain;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What happens to who may see a person's record, on the stream {@code access-<personId>}. The
 * records mirror their published contracts field for field (ExchangeContracts); times are ISO-8601.
 */
public sealed interface AccessEvent {

    UUID personId();

    record TreatmentAttested(
            UUID relationshipId,
            UUID personId,
            String organization,
            String actor,
            String purposeOfUse,
            String reason,
            String referral,
            String encounter,
            String startedAt,
            String endsAt)
            implements AccessEvent {}

    record EmergencyAccessGranted(
            UUID relationshipId,
            UUID personId,
            String organization,
            String actor,
            String purposeOfUse,
            String reason,
            String startedAt,
            String endsAt)
            implements AccessEvent {}

    record CareRelationshipEnded(
            UUID personId, String organization, UUID relationshipId, String reason, String actor, String endedAt)
            implements AccessEvent {}

    record ConsentRecorded(
            UUID consentId,
            UUID personId,
            String recordedBy,
            String actor,
            boolean optOut,
            List<String> blockedOrganizations,
            List<String> withheldCategories,
            List<String> part2SharedWith,
            String recordedAt)
            implements AccessEvent {

        public SharingPolicy policy() {
            return new SharingPolicy(
                    optOut,
                    Set.copyOf(blockedOrganizations),
                    Set.copyOf(withheldCategories),
                    Set.copyOf(part2SharedWith));
        }
    }
}
