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

    public static final Contract<RecordDisclosedV1> RECORD_DISCLOSED = new Contract<>(
            new EventType("exchange", "RecordDisclosed", 1),
            Topics.EXCHANGE_EVENTS,
            RecordDisclosedV1.class,
            "a person's record was read through the gateway");

    public static final Contract<ViewChangedV1> VIEW_CHANGED = new Contract<>(
            new EventType("exchange", "ViewChanged", 1),
            FEED_TOPICS,
            ViewChangedV1.class,
            "an organization's view of a person changed");

    public static final List<Contract<?>> ALL = List.of(ORGANIZATION_REGISTERED, RECORD_DISCLOSED, VIEW_CHANGED);

    private ExchangeContracts() {}
}
