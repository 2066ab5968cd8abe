package io.chartstream.portal.views.domain;

import java.util.UUID;

/** What the portal records about a patient's own use of it: each view of their record. */
public sealed interface ViewEvent {

    /** {@code what}: record, api/record, sharing or disclosures; {@code at} ISO-8601. */
    record RecordViewed(UUID viewId, UUID personId, String actor, String what, String at) implements ViewEvent {}
}
