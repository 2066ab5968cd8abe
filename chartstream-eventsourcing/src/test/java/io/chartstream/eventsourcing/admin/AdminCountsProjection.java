package io.chartstream.eventsourcing.admin;

import io.chartstream.eventsourcing.support.SubjectCountsProjection;
import jakarta.enterprise.context.ApplicationScoped;

/** A projection bean, so the runtime starts a live runner for it as it would in a service. */
@ApplicationScoped
public class AdminCountsProjection extends SubjectCountsProjection {

    public static final String TOPIC = "chartstream.runtime-test.events";

    public AdminCountsProjection() {
        super("admin-counts", TOPIC);
    }
}
