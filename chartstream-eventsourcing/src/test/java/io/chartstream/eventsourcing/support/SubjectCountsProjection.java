package io.chartstream.eventsourcing.support;

import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.Projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * A small view for tests: per subject, how many events, and their types in order. Events whose
 * data contains "poison" are refused until {@link #cure()} is called.
 */
public class SubjectCountsProjection implements Projection {

    private final String name;
    private final List<String> topics;
    private volatile boolean poisonRefused = true;

    public SubjectCountsProjection(String name, String... topics) {
        this.name = name;
        this.topics = List.of(topics);
    }

    public void cure() {
        poisonRefused = false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> topics() {
        return topics;
    }

    @Override
    public List<String> schemaDdl() {
        return List.of("""
                create table if not exists subject_count (
                    subject text primary key,
                    events bigint not null,
                    types text not null)""");
    }

    @Override
    public void apply(Connection c, SourcedEvent e) throws Exception {
        if (poisonRefused && e.event().data().contains("poison")) {
            throw new IllegalArgumentException("refusing poison event " + e.event().eventId());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into subject_count (subject, events, types) values (?, 1, ?)
                on conflict (subject) do update
                    set events = subject_count.events + 1, types = subject_count.types || ',' || excluded.types""")) {
            ps.setString(1, e.event().subject());
            ps.setString(2, e.event().type());
            ps.executeUpdate();
        }
    }
}
