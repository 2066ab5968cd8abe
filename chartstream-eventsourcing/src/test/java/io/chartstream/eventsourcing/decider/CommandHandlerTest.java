package io.chartstream.eventsourcing.decider;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.StreamConflictException;
import io.chartstream.eventsourcing.support.TestStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command handler on a real PostgreSQL: load, decide, append at the decided version, conflicts. */
class CommandHandlerTest {

    /** A tally that refuses to go above a limit: the smallest aggregate with a rule. */
    sealed interface TallyCommand {
        record Add(int amount) implements TallyCommand {}
    }

    sealed interface TallyEvent {
        record Added(String subject, int amount) implements TallyEvent {}
    }

    record Tally(int total) {}

    static final class TallyDecider implements Decider<TallyCommand, TallyEvent, Tally> {
        @Override
        public Tally initialState() {
            return new Tally(0);
        }

        @Override
        public List<TallyEvent> decide(TallyCommand command, Tally state) {
            return switch (command) {
                case TallyCommand.Add add
                when state.total() + add.amount() > 10 -> throw new IllegalStateException("a tally stops at 10");
                case TallyCommand.Add add when add.amount() == 0 -> List.of();
                case TallyCommand.Add add -> List.of(new TallyEvent.Added("s-1", add.amount()));
            };
        }

        @Override
        public Tally evolve(Tally state, TallyEvent event) {
            return switch (event) {
                case TallyEvent.Added added -> new Tally(state.total() + added.amount());
            };
        }
    }

    private static final EventMetadata META = new EventMetadata("corr", null, "tester", "test-org");
    private static DataSource ds;
    private final CommandHandler<TallyCommand, TallyEvent, Tally> handler = new CommandHandler<>(
            new JdbcEventStore(),
            new EventTypes<TallyEvent>(new ObjectMapper())
                    .register("io.chartstream.test.Added.v1", TallyEvent.Added.class),
            new TallyDecider(),
            event -> ((TallyEvent.Added) event).subject());

    @BeforeAll
    static void database() {
        ds = TestStore.freshDatabase("handler");
    }

    @Test
    void eachCommandIsDecidedOnTheFoldedStreamAndAppendedAtItsVersion() throws Exception {
        String stream = "tally-" + UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            Handled<Tally, TallyEvent> first = handler.handle(c, stream, new TallyCommand.Add(4), META);
            Handled<Tally, TallyEvent> second = handler.handle(c, stream, new TallyCommand.Add(5), META);

            assertEquals(new Tally(4), second.before());
            assertEquals(new Tally(9), second.after());
            assertEquals(2, second.streamVersion());
            assertEquals("s-1", second.recorded().get(0).subject());
            assertTrue(second.position() > first.position());
            assertThrows(IllegalStateException.class, () -> handler.handle(c, stream, new TallyCommand.Add(2), META));
        }
    }

    @Test
    void aCommandThatChangesNothingWritesNothing() throws Exception {
        String stream = "tally-" + UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            Handled<Tally, TallyEvent> handled = handler.handle(c, stream, new TallyCommand.Add(0), META);
            assertTrue(handled.changedNothing());
            assertEquals(0, handler.load(c, stream).version());
        }
    }

    @Test
    void aDecisionOvertakenByAnotherWriterIsAConflictAndARetryDecidesAgain() throws Exception {
        String stream = "tally-" + UUID.randomUUID();
        try (Connection c = ds.getConnection()) {
            Decision<Tally, TallyEvent> stale = handler.decide(c, stream, new TallyCommand.Add(3));
            handler.handle(c, stream, new TallyCommand.Add(1), META);
            assertThrows(StreamConflictException.class, () -> handler.append(c, stale, META));

            AtomicInteger attempts = new AtomicInteger();
            Handled<Tally, TallyEvent> retried = CommandHandler.retryOnConflict(3, () -> {
                Decision<Tally, TallyEvent> decision = handler.decide(c, stream, new TallyCommand.Add(3));
                if (attempts.incrementAndGet() == 1) {
                    handler.handle(c, stream, new TallyCommand.Add(1), META); // someone else writes first
                }
                return handler.append(c, decision, META);
            });
            assertEquals(2, attempts.get());
            assertEquals(new Tally(5), retried.after());
        }
    }
}
