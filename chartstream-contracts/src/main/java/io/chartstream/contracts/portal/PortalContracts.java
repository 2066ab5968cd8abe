package io.chartstream.contracts.portal;

import io.chartstream.contracts.Contract;
import io.chartstream.contracts.EventType;
import io.chartstream.contracts.Topics;

import java.util.List;

/** What portal-service publishes on its record topic. */
public final class PortalContracts {

    public static final String SOURCE = "portal-service";

    public static final Contract<RecordViewedV1> RECORD_VIEWED = new Contract<>(
            new EventType("portal", "RecordViewed", 1),
            Topics.PORTAL_EVENTS,
            RecordViewedV1.class,
            "a patient viewed their own record in the portal");

    public static final List<Contract<?>> ALL = List.of(RECORD_VIEWED);

    private PortalContracts() {}
}
