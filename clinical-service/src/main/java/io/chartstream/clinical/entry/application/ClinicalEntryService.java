package io.chartstream.clinical.entry.application;

import io.chartstream.clinical.ClinicalConfig;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.AmendEntry;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.EnterInError;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.RecordEntry;
import io.chartstream.clinical.person.infrastructure.KnownPersons;
import io.chartstream.eventsourcing.store.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Records, amends and withdraws (entered in error) clinical entries of persons this service knows. */
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

    /**
     * Records and amends the entries of a transaction Bundle all together or not at all, once
     * every person they are about is known (the same bounded wait as {@link #record}).
     */
    public List<EntryWritten> recordAll(List<? extends ClinicalEntryCommand> commands, EventMetadata metadata)
            throws SQLException, InterruptedException {
        Set<UUID> persons = new LinkedHashSet<>();
        for (ClinicalEntryCommand command : commands) {
            if (command instanceof RecordEntry record) {
                persons.add(record.personId());
            }
        }
        for (UUID person : persons) {
            if (!knownPersons.awaitKnown(person, unknownSubjectWait)) {
                throw new UnknownPersonException(person);
            }
        }
        return transactions.executeAll(commands, metadata);
    }

    /** Amends an entry; the subject cannot change, so it is known already. */
    public EntryWritten amend(AmendEntry command, EventMetadata metadata) throws SQLException {
        return transactions.execute(command, metadata);
    }

    /** Withdraws an entry as entered in error; its subject is known already. */
    public EntryWritten enterInError(EnterInError command, EventMetadata metadata) throws SQLException {
        return transactions.execute(command, metadata);
    }
}
