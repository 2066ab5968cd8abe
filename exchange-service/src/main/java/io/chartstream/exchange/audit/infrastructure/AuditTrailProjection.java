package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.contracts.Topics;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Appends an audit record for every audited exchange and portal event (see AuditMapping) to the chained
 * trail in {@code audit.audit_log}. The trail is not this projection's view: its tables are a
 * migration's, outside the projection's schema, so a rebuild of the projection replays events
 * whose records are already there and leaves the trail as it is (one record per source event).
 */
@ApplicationScoped
public class AuditTrailProjection implements Projection {

    public static final String NAME = "audit-trail";

    private final AuditChain chain;

    public AuditTrailProjection(AuditKey key) {
        this.chain = new AuditChain(key.bytes());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Nobody waits on the trail record by record: a patient's portal view costs one event, not a transaction. */
    @Override
    public Duration gatherFor() {
        return Duration.ofMillis(250);
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.EXCHANGE_EVENTS, Topics.PORTAL_EVENTS);
    }

    @Override
    public List<String> schemaDdl() {
        return List.of();
    }

    @Override
    public void apply(Connection connection, SourcedEvent event) throws Exception {
        Optional<AuditEntry> entry = AuditMapping.entryOf(event.source(), event.event());
        if (entry.isPresent()) {
            AuditLog.append(connection, chain, entry.get());
        }
    }
}
