package io.chartstream.eventsourcing.support;

import io.chartstream.eventsourcing.cloudevents.SourcedEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * {@link SubjectCountsProjection} with a side effect outside its schema, as the exchange's
 * org-views has (a feed event per view change): when it applies to the live view, and only then,
 * it records each event id in {@code public.<table>}; a rebuild's shadow publishes nothing again.
 */
public class PublishingProjection extends SubjectCountsProjection {

    private final String publishedTable;

    public PublishingProjection(String name, String topic) {
        super(name, topic);
        this.publishedTable = "published_" + name.replaceAll("[^a-z0-9]", "_");
    }

    public String publishedTable() {
        return "public." + publishedTable;
    }

    @Override
    public List<String> schemaDdl() {
        return List.of(
                super.schemaDdl().get(0),
                "create table if not exists public." + publishedTable + " (event_id uuid not null)");
    }

    @Override
    public void apply(Connection c, SourcedEvent e) throws Exception {
        super.apply(c, e);
        publish(c, List.of(e));
    }

    @Override
    public void applyAll(Connection c, List<SourcedEvent> events) throws Exception {
        super.applyAll(c, events);
        publish(c, events);
    }

    private void publish(Connection c, List<SourcedEvent> events) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select current_schema()")) {
            if (!rs.next() || !schema().equals(rs.getString(1))) {
                return; // a rebuild: those changes were published when they first happened
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("insert into public." + publishedTable + " (event_id) select unnest(?::uuid[])")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "uuid",
                            events.stream().map(e -> e.event().eventId()).toArray()));
            ps.executeUpdate();
        }
    }
}
