package io.chartstream.exchange.feed.infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.ExpectedVersion;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.NewEvent;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.feed.domain.FeedNumbering;
import io.chartstream.exchange.feed.domain.NumberedChange;
import io.chartstream.exchange.view.application.ViewChangePublisher;
import io.chartstream.exchange.view.domain.ViewChange;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns view changes into ViewChanged events in this service's event store, in the caller's
 * transaction: stream {@code feed-<org>}, outbox row routed to the organization's feed topic.
 * The view change and its feed event commit together, so the feed never misses or invents a
 * change (no dual write to Kafka). Numbers come from {@code public.org_feed_counter}; its row
 * lock serializes one organization's appends, so numbers are gapless and commit in order.
 */
@ApplicationScoped
public class FeedPublisher implements ViewChangePublisher {

    private final JdbcEventStore store;
    private final ObjectMapper mapper;
    private final EventTypes<FeedEvent> types;

    private final AuditAppender audit;

    public FeedPublisher(JdbcEventStore store, AuditAppender audit) {
        this.store = store;
        this.audit = audit;
        this.mapper = ContractJson.mapper();
        this.types = feedEventTypes();
    }

    /** The feed's published events, bound to their contract with the contracts' JSON settings. */
    public static EventTypes<FeedEvent> feedEventTypes() {
        return new EventTypes<FeedEvent>(ContractJson.mapper())
                .register(ExchangeContracts.VIEW_CHANGED, FeedEvent.ViewChanged.class);
    }

    @Override
    public void publish(Connection c, List<ViewChange> changes, EventMetadata cause) throws Exception {
        for (Map.Entry<String, List<ViewChange>> perOrg :
                FeedNumbering.byOrganization(changes).entrySet()) {
            String org = perOrg.getKey();
            List<ViewChange> orgChanges = perOrg.getValue();
            long last = reserve(c, org, orgChanges.size()) - orgChanges.size();
            List<NewEvent> events = new ArrayList<>(orgChanges.size());
            for (NumberedChange n : FeedNumbering.number(last, orgChanges)) {
                ViewChange change = n.change();
                events.add(types.toNew(
                        new FeedEvent.ViewChanged(
                                change.personId(),
                                org,
                                n.eventNumber(),
                                change.change().wire(),
                                mapper.readTree(change.resource().json())),
                        change.personId().toString()));
            }
            store.append(
                    c,
                    FeedEvent.streamOf(org),
                    ExpectedVersion.ANY,
                    events,
                    new EventMetadata(cause.correlationId(), cause.causationId(), cause.actor(), org),
                    FeedEvent.topicOf(org));
            Instant now = Instant.now();
            for (NumberedChange n : FeedNumbering.number(last, orgChanges)) {
                ViewChange change = n.change();
                audit.append(
                        c,
                        ChannelEntries.feedRecord(
                                org,
                                n.eventNumber(),
                                change.personId(),
                                change.change().wire(),
                                change.resource().resourceType() + "/"
                                        + change.resource().id(),
                                now));
            }
        }
    }

    /** Adds {@code count} to the organization's counter and returns the new last number. */
    private static long reserve(Connection c, String org, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into public.org_feed_counter (organization, last_number) values (?, ?)
                on conflict (organization) do update set last_number = org_feed_counter.last_number + excluded.last_number
                returning last_number""")) {
            ps.setString(1, org);
            ps.setLong(2, count);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
