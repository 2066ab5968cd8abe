package io.chartstream.clinical.entry.application;

import io.chartstream.clinical.entry.domain.ClinicalEntryCommand;
import io.chartstream.clinical.entry.domain.ClinicalEntryDecider;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent;
import io.chartstream.clinical.entry.domain.EntryState;
import io.chartstream.clinical.entry.infrastructure.ClinicalEntryTable;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.AppendResult;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.NewEvent;
import io.chartstream.eventsourcing.store.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs one command against one entry stream in one database transaction: load the events,
 * decide, append (events + outbox), and update the clinical_entry table. Either all of it
 * commits or none of it does.
 */
@ApplicationScoped
public class EntryTransactions {

    private final DataSource dataSource;
    private final JdbcEventStore store;
    private final EventTypes<ClinicalEntryEvent> types;

    public EntryTransactions(DataSource dataSource, JdbcEventStore store, EventTypes<ClinicalEntryEvent> types) {
        this.dataSource = dataSource;
        this.store = store;
        this.types = types;
    }

    public static String streamOf(java.util.UUID entryId) {
        return "entry-" + entryId;
    }

    @Transactional(rollbackOn = Exception.class) // a checked SQLException must roll back too
    public EntryWritten execute(ClinicalEntryCommand command, EventMetadata metadata) throws SQLException {
        String stream = streamOf(command.entryId());
        try (Connection c = dataSource.getConnection()) {
            List<RecordedEvent> history = store.load(c, stream, 0);
            EntryState state = ClinicalEntryDecider.replay(history.stream().map(types::fromRecorded).toList());
            List<ClinicalEntryEvent> events = ClinicalEntryDecider.decide(command, state);
            List<NewEvent> toAppend = events.stream().map(e -> types.toNew(e, e.personId().toString())).toList();
            AppendResult appended = store.append(c, stream, state.version(), toAppend, metadata);
            for (int i = 0; i < events.size(); i++) {
                state = ClinicalEntryDecider.evolve(state, events.get(i));
                ClinicalEntryTable.save(c, (EntryState.Recorded) state, events.get(i), appended.events().get(i));
            }
            EntryState.Recorded now = (EntryState.Recorded) state;
            return new EntryWritten(now.entryId(), appended.streamVersion(), appended.position(), now.resource());
        }
    }
}
