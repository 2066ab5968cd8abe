package io.chartstream.clinical.entry.application;

import io.chartstream.clinical.entry.domain.ClinicalEntryCommand;
import io.chartstream.clinical.entry.domain.ClinicalEntryDecider;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent;
import io.chartstream.clinical.entry.domain.EntryState;
import io.chartstream.clinical.entry.infrastructure.ClinicalEntryTable;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.decider.CommandHandler;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs one command against one entry stream in one database transaction: load the events,
 * decide, append (events + outbox), and update the clinical_entry table. Either all of it
 * commits or none of it does. No retry on conflict: an amendment is based on the caller's
 * If-Match version, and a concurrent change is the caller's to resolve.
 */
@ApplicationScoped
public class EntryTransactions {

    private final DataSource dataSource;
    private final CommandHandler<ClinicalEntryCommand, ClinicalEntryEvent, EntryState> handler;

    public EntryTransactions(DataSource dataSource, JdbcEventStore store, EventTypes<ClinicalEntryEvent> types) {
        this.dataSource = dataSource;
        this.handler = new CommandHandler<>(
                store, types, ClinicalEntryDecider.INSTANCE, e -> e.personId().toString());
    }

    public static String streamOf(UUID entryId) {
        return "entry-" + entryId;
    }

    @Transactional(rollbackOn = Exception.class) // a checked SQLException must roll back too
    public EntryWritten execute(ClinicalEntryCommand command, EventMetadata metadata) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return execute(c, command, metadata);
        }
    }

    /** The commands of a transaction Bundle, in order, in ONE database transaction: all commit or none does. */
    @Transactional(rollbackOn = Exception.class)
    public List<EntryWritten> executeAll(List<? extends ClinicalEntryCommand> commands, EventMetadata metadata)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<EntryWritten> written = new ArrayList<>(commands.size());
            for (ClinicalEntryCommand command : commands) {
                written.add(execute(c, command, metadata));
            }
            return written;
        }
    }

    private EntryWritten execute(Connection c, ClinicalEntryCommand command, EventMetadata metadata)
            throws SQLException {
        Handled<EntryState, ClinicalEntryEvent> handled =
                handler.handle(c, streamOf(command.entryId()), command, metadata);
        // every command of an entry yields one event, but for a repeated withdrawal, which yields none
        return switch (handled.after()) {
            case EntryState.Recorded now -> {
                ClinicalEntryTable.save(
                        c, now, handled.events().get(0), handled.recorded().get(0));
                yield new EntryWritten(now.entryId(), handled.streamVersion(), handled.position(), now.resource());
            }
            case EntryState.EnteredInError gone -> {
                if (!handled.changedNothing()) {
                    ClinicalEntryTable.markEnteredInError(
                            c, gone, handled.events().get(0), handled.recorded().get(0));
                }
                yield new EntryWritten(gone.entryId(), gone.version(), handled.position(), gone.resource());
            }
            case EntryState.Unrecorded none ->
                throw new IllegalStateException("entry " + command.entryId() + " is unrecorded after a command");
        };
    }
}
