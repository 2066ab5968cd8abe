package io.chartstream.portal.views.application;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.portal.PortalContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.ExpectedVersion;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.portal.views.domain.ViewEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records each view of a patient's own record in the portal ({@code RecordViewed.v1}, stream
 * {@code views-<person>}, published on {@code chartstream.portal.events} through the outbox), so
 * the exchange's audit trail holds the patient's own views beside everyone else's. A view that
 * cannot be recorded is not shown (the caller answers 503).
 */
@ApplicationScoped
public class PatientViews {

    private final DataSource dataSource;
    private final JdbcEventStore store;
    private final EventTypes<ViewEvent> types;

    public PatientViews(DataSource dataSource, JdbcEventStore store) {
        this.dataSource = dataSource;
        this.store = store;
        this.types = eventTypes();
    }

    /** The portal's published events, bound to their contract with the contracts' JSON settings. */
    public static EventTypes<ViewEvent> eventTypes() {
        return new EventTypes<ViewEvent>(ContractJson.mapper())
                .register(PortalContracts.RECORD_VIEWED, ViewEvent.RecordViewed.class);
    }

    @Transactional(rollbackOn = Exception.class)
    public void viewed(UUID personId, String actor, String what) throws SQLException {
        var event = new ViewEvent.RecordViewed(
                UUID.randomUUID(), personId, actor, what, Instant.now().toString());
        String stream = "views-" + personId;
        try (Connection c = dataSource.getConnection()) {
            // one appender per stream at a time: two tabs of the same patient do not race for a version
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                ps.setString(1, stream);
                ps.execute();
            }
            store.append(
                    c,
                    stream,
                    ExpectedVersion.ANY,
                    List.of(types.toNew(event, personId.toString())),
                    new EventMetadata(null, null, actor, null));
        }
    }
}
