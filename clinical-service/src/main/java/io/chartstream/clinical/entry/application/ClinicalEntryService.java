package io.chartstream.clinical.entry.application;

import io.chartstream.clinical.ClinicalConfig;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.AmendEntry;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.RecordEntry;
import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.eventsourcing.store.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Duration;

/** Records and amends clinical entries of persons this service knows. */
@ApplicationScoped
public class ClinicalEntryService {

    private final EntryTransactions transactions;
    private final KnownPersons knownPersons;
    private final Duration unknownSubjectWait;

    public ClinicalEntryService(EntryTransactions transactions, KnownPersons knownPersons, ClinicalConfig config) {
        this.transactions = transactions;
        this.knownPersons = knownPersons;
        this.unknownSubjectWait = config.unknownSubjectWait();
    }

    /**
     * Records a new entry. A person registered a moment ago may not have reached this service's
     * view of the patient events yet, so an unknown subject is given a short, bounded wait
     * before the entry is refused (outside the transaction: no connection is held meanwhile).
     */
    public EntryWritten record(RecordEntry command, EventMetadata metadata) throws SQLException, InterruptedException {
        if (!knownPersons.awaitKnown(command.personId(), unknownSubjectWait)) {
            throw new UnknownPersonException(command.personId());
        }
        return transactions.execute(command, metadata);
    }

    /** Amends an entry; the subject cannot change, so it is known already. */
    public EntryWritten amend(AmendEntry command, EventMetadata metadata) throws SQLException {
        return transactions.execute(command, metadata);
    }
}
