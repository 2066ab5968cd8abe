package io.chartstream.contracts.exchange;

import io.chartstream.contracts.Contract;
import io.chartstream.contracts.EventType;
import io.chartstream.contracts.Topics;

import java.util.List;

/** What exchange-service publishes: its record topic and each organization's feed. */
public final class ExchangeContracts {

    public static final String SOURCE = "exchange-service";
    /** Feed topics are per organization; the contract names their pattern. */
    public static final String FEED_TOPICS = Topics.feedOf("<orgId>");

    public static final Contract<OrganizationRegisteredV1> ORGANIZATION_REGISTERED = new Contract<>(
            new EventType("exchange", "OrganizationRegistered", 1),
            Topics.EXCHANGE_EVENTS,
            OrganizationRegisteredV1.class,
            "an organization joined the provider directory");

    public static final Contract<ViewChangedV1> VIEW_CHANGED = new Contract<>(
            new EventType("exchange", "ViewChanged", 1),
            FEED_TOPICS,
            ViewChangedV1.class,
            "an organization's view of a person changed");

    public static final Contract<TreatmentAttestedV1> TREATMENT_ATTESTED = new Contract<>(
            new EventType("exchange", "TreatmentAttested", 1),
            Topics.EXCHANGE_EVENTS,
            TreatmentAttestedV1.class,
            "an organization attested a treatment relationship with a person");

    public static final Contract<EmergencyAccessGrantedV1> EMERGENCY_ACCESS_GRANTED = new Contract<>(
            new EventType("exchange", "EmergencyAccessGranted", 1),
            Topics.EXCHANGE_EVENTS,
            EmergencyAccessGrantedV1.class,
            "a clinician broke the glass on a person's record");

    public static final Contract<CareRelationshipEndedV1> CARE_RELATIONSHIP_ENDED = new Contract<>(
            new EventType("exchange", "CareRelationshipEnded", 1),
            Topics.EXCHANGE_EVENTS,
            CareRelationshipEndedV1.class,
            "an organization's care relationships with a person ended");

    public static final Contract<ConsentRecordedV1> CONSENT_RECORDED = new Contract<>(
            new EventType("exchange", "ConsentRecorded", 1),
            Topics.EXCHANGE_EVENTS,
            ConsentRecordedV1.class,
            "a person's sharing choices were recorded");

    public static final Contract<DirectoryResourceV1> DIRECTORY_RESOURCE_RECORDED = new Contract<>(
            new EventType("exchange", "DirectoryResourceRecorded", 1),
            Topics.EXCHANGE_EVENTS,
            DirectoryResourceV1.class,
            "an Organization, Practitioner, PractitionerRole or Location joined the provider directory");

    public static final Contract<DirectoryResourceV1> DIRECTORY_RESOURCE_AMENDED = new Contract<>(
            new EventType("exchange", "DirectoryResourceAmended", 1),
            Topics.EXCHANGE_EVENTS,
            DirectoryResourceV1.class,
            "a resource of the provider directory was replaced by a new version");

    /** v3 PurposeOfUse (ActReason) of a treatment attestation and of emergency access. */
    public static final String TREAT = "TREAT";

    public static final String EMERGENCY_TREAT = "ETREAT";

    public static final List<Contract<?>> ALL = List.of(
            ORGANIZATION_REGISTERED,
            VIEW_CHANGED,
            TREATMENT_ATTESTED,
            EMERGENCY_ACCESS_GRANTED,
            CARE_RELATIONSHIP_ENDED,
            CONSENT_RECORDED,
            DIRECTORY_RESOURCE_RECORDED,
            DIRECTORY_RESOURCE_AMENDED);

    private ExchangeContracts() {}
}
