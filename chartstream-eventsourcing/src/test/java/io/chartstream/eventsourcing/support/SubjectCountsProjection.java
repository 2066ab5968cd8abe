package io.chartstream.eventsourcing.support;

import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.Projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small view for tests: per subject, how many events, and their types in order. Events whose
 * data contains "poison" are refused until {@link #cure()} is called. Its bulk hook folds a
 * batch per subject and writes it in one statement, as a real projection would; it counts the
 * batches it was handed, so a test can see which path the runner took.
 */
public class SubjectCountsProjection implements Projection {

    private final String name;
    private final List<String> topics;
    private volatile boolean poisonRefused = true;
    private final AtomicInteger bulkBatches = new AtomicInteger();

    public SubjectCountsProjection(String name, String... topics) {
        this.name = name;
        this.topics = List.of(topics);
    }

    public void cure() {
        poisonRefused = false;
    }

    /** How many batches went through {@link #applyAll}. */
    public int bulkBatches() {
        return bulkBatches.get();
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
        refusePoison(e);
        try (PreparedStatement ps = c.prepareStatement("""
                insert into subject_count (subject, events, types) values (?, 1, ?)
                on conflict (subject) do update
                    set events = subject_count.events + 1, types = subject_count.types || ',' || excluded.types""")) {
            ps.setString(1, e.event().subject());
            ps.setString(2, e.event().type());
            ps.executeUpdate();
        }
    }

    @Override
    public void applyAll(Connection c, List<SourcedEvent> events) throws Exception {
        bulkBatches.incrementAndGet();
        Map<String, Fold> bySubject = new LinkedHashMap<>();
        for (SourcedEvent e : events) {
            refusePoison(e);
            bySubject
                    .computeIfAbsent(e.event().subject(), s -> new Fold())
                    .add(e.event().type());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into subject_count (subject, events, types)
                select * from unnest(?::text[], ?::bigint[], ?::text[])
                on conflict (subject) do update
                    set events = subject_count.events + excluded.events, types = subject_count.types || ',' || excluded.types""")) {
            ps.setArray(1, c.createArrayOf("text", bySubject.keySet().toArray()));
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "bigint",
                            bySubject.values().stream().map(f -> f.events).toArray()));
            ps.setArray(
                    3,
                    c.createArrayOf(
                            "text",
                            bySubject.values().stream()
                                    .map(f -> f.types.toString())
                                    .toArray()));
            ps.executeUpdate();
        }
    }

    private void refusePoison(SourcedEvent e) {
        if (poisonRefused && e.event().data().contains("poison")) {
            throw new IllegalArgumentException(
                    "refusing poison event " + e.event().eventId());
        }
    }

    /** One subject's share of a batch: its event count and its types in order. */
    private static final class Fold {
        long events;
        final StringBuilder types = new StringBuilder();

        void add(String type) {
            if (events++ > 0) {
                types.append(',');
            }
            types.append(type);
        }
    }
}
