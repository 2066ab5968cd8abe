package io.chartstream.exchange.subscription.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.exchange.feed.infrastructure.FeedEvent;
import io.chartstream.exchange.feed.infrastructure.FeedPublisher;
import io.chartstream.exchange.subscription.domain.FeedItem;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads an organization's feed back from the event store ({@code feed-<org>} streams). A
 * feed's stream version is its event number: both advance together under the feed counter's
 * lock, in one transaction.
 */
@ApplicationScoped
public class FeedLog {

    private final DataSource dataSource;
    private final EventTypes<FeedEvent> types;
    private final FhirContext fhir;

    public FeedLog(DataSource dataSource, FhirContext fhir) {
        this.dataSource = dataSource;
        this.fhir = fhir;
        this.types = FeedPublisher.feedEventTypes();
    }

    /** Up to {@code limit} events numbered above {@code afterNumber}, in order. */
    public List<FeedItem> after(String organization, long afterNumber, int limit) throws SQLException {
        List<FeedItem> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                select stream_version, event_id, recorded_at, event_type, data::text, metadata->>'traceparent'
                from es_event
                where stream_id = ? and stream_version > ? order by stream_version limit ?""")) {
            ps.setString(1, FeedEvent.streamOf(organization));
            ps.setLong(2, afterNumber);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FeedEvent.ViewChanged changed =
                            (FeedEvent.ViewChanged) types.fromJson(rs.getString(4), rs.getString(5));
                    if (changed.eventNumber() != rs.getLong(1)) {
                        throw new IllegalStateException("feed of " + organization + ": event number "
                                + changed.eventNumber() + " stored at stream version " + rs.getLong(1));
                    }
                    items.add(new FeedItem(
                            changed.eventNumber(),
                            rs.getObject(2, UUID.class),
                            rs.getTimestamp(3).toInstant(),
                            changed.change(),
                            changed.resource().toString(),
                            changed.personId(),
                            referenceOf(changed.resource().toString()),
                            rs.getString(6)));
                }
            }
        }
        return items;
    }

    /** {@code Observation/123}: the resource a feed event carries (HAPI parses it). */
    private String referenceOf(String resourceJson) {
        return fhir.newJsonParser()
                .parseResource(resourceJson)
                .getIdElement()
                .toUnqualifiedVersionless()
                .getValue();
    }

    /** The number of the organization's latest feed event; 0 when its feed is empty. */
    public long lastNumber(String organization) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select coalesce(max(stream_version), 0) from es_event where stream_id = ?")) {
            ps.setString(1, FeedEvent.streamOf(organization));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
