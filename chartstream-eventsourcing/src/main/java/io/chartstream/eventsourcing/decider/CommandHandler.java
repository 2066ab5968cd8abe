package io.chartstream.eventsourcing.decider;

import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.AppendResult;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.NewEvent;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.eventsourcing.store.StreamConflictException;

import java.sql.Connection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way a command reaches an event stream: load the stream, fold it with the decider,
 * decide, and append the new events expecting the version the decision was made on, all on the
 * caller's connection (so the caller's own table changes commit with the events and their outbox
 * rows). A concurrent writer makes the append fail with {@link StreamConflictException}; a
 * command that may be decided again on fresh state is run through {@link #retryOnConflict}.
 *
 * @param <C> command
 * @param <E> event
 * @param <S> state
 */
public final class CommandHandler<C, E, S> {

    private final JdbcEventStore store;
    private final EventTypes<E> types;
    private final Decider<C, E, S> decider;
    private final Function<E, String> subject;

    /** {@code subject} names the person an event is about: its Kafka key and CloudEvents subject. */
    public CommandHandler(
            JdbcEventStore store, EventTypes<E> types, Decider<C, E, S> decider, Function<E, String> subject) {
        this.store = store;
        this.types = types;
        this.decider = decider;
        this.subject = subject;
    }

    /** Load, decide and append in one go. */
    public Handled<S, E> handle(Connection c, String streamId, C command, EventMetadata metadata) {
        return append(c, decide(c, streamId, command), metadata);
    }

    /** The stream's current state and version. */
    public Decision<S, E> load(Connection c, String streamId) {
        List<RecordedEvent> history = store.load(c, streamId, 0);
        S state = decider.fold(history.stream().map(types::fromRecorded).toList());
        long version = history.isEmpty() ? 0 : history.get(history.size() - 1).streamVersion();
        return new Decision<>(streamId, version, state, List.of());
    }

    /** Decides without writing, for callers that must do more on the connection before the append. */
    public Decision<S, E> decide(Connection c, String streamId, C command) {
        Decision<S, E> loaded = load(c, streamId);
        return new Decision<>(streamId, loaded.version(), loaded.state(), decider.decide(command, loaded.state()));
    }

    /** Appends a decision's events at the version it was decided on; nothing is written when there are none. */
    public Handled<S, E> append(Connection c, Decision<S, E> decision, EventMetadata metadata) {
        S after = decider.evolveAll(decision.state(), decision.events());
        if (decision.changesNothing()) {
            return new Handled<>(decision.state(), after, List.of(), List.of(), decision.version());
        }
        List<NewEvent> newEvents = decision.events().stream()
                .map(e -> types.toNew(e, subject.apply(e)))
                .toList();
        AppendResult appended = store.append(c, decision.streamId(), decision.version(), newEvents, metadata);
        return new Handled<>(decision.state(), after, decision.events(), appended.events(), appended.streamVersion());
    }

    /**
     * Runs {@code attempt} (which must open its own transaction) again when a concurrent writer
     * got there first, up to {@code attempts} times. Only for commands whose decision may change
     * on fresh state without asking the caller: a write based on an {@code If-Match} version must
     * not be retried, it is a conflict for the caller to resolve.
     */
    public static <T> T retryOnConflict(int attempts, Supplier<T> attempt) {
        StreamConflictException last = null;
        for (int i = 0; i < attempts; i++) {
            try {
                return attempt.get();
            } catch (StreamConflictException e) {
                last = e;
            }
        }
        throw last != null ? last : new IllegalArgumentException("attempts must be at least 1");
    }
}
