package io.chartstream.portal.views;

import io.chartstream.contracts.portal.PortalContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.portal.views.application.PatientViews;
import io.chartstream.portal.views.domain.ViewEvent;
import io.chartstream.testsupport.Approvals;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pins the JSON of the portal's published event to its contract's approved example. */
class PortalEventContractTest {

    @Test
    void recordViewedV1() {
        EventTypes<ViewEvent> types = PatientViews.eventTypes();
        var event = new ViewEvent.RecordViewed(
                UUID.fromString("5d2c7a10-3b4e-4f61-8a9d-0e1f2a3b4c5d"),
                UUID.fromString("3f1c1a3e-7b53-4d0a-9a52-5d0c2e7a1001"),
                "alice",
                "record",
                "2026-12-05T09:30:00Z");
        assertEquals(PortalContracts.RECORD_VIEWED.typeName(), types.typeOf(event));
        Approvals.assertApproved(PortalContracts.RECORD_VIEWED, types.toJson(event));
        assertEquals(
                event,
                types.fromJson(
                        PortalContracts.RECORD_VIEWED.typeName(), Approvals.approved(PortalContracts.RECORD_VIEWED)));
    }
}
