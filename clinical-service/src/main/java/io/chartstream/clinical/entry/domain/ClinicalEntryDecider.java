package io.chartstream.clinical.entry.domain;

import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.AmendEntry;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.RecordEntry;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryAmended;
import io.chartstream.clinical.entry.domain.EntryRejected.Reason;
import io.chartstream.clinical.entry.domain.EntryState.Recorded;
import io.chartstream.clinical.entry.domain.EntryState.Unrecorded;
import io.chartstream.eventsourcing.decider.Decider;

import java.util.List;

/** The rules of one clinical entry: pure functions, no I/O. */
public final class ClinicalEntryDecider implements Decider<ClinicalEntryCommand, ClinicalEntryEvent, EntryState> {

    public static final ClinicalEntryDecider INSTANCE = new ClinicalEntryDecider();

    private ClinicalEntryDecider() {}

    @Override
    public EntryState initialState() {
        return EntryState.UNRECORDED;
    }

    /** The events a command produces on an entry in {@code state}; throws {@link EntryRejected} to refuse it. */
    @Override
    public List<ClinicalEntryEvent> decide(ClinicalEntryCommand command, EntryState state) {
        return switch (command) {
            case RecordEntry record -> List.of(record(record, state));
            case AmendEntry amend -> List.of(amend(amend, state));
        };
    }

    @Override
    public EntryState evolve(EntryState state, ClinicalEntryEvent event) {
        long version = state.version() + 1;
        return switch (state) {
            case Recorded current
            when event instanceof EntryAmended ->
                new Recorded(
                        current.entryId(),
                        current.personId(),
                        current.type(),
                        version,
                        current.organization(),
                        event.resource());
            case Recorded current -> recorded(event, version);
            case Unrecorded none -> recorded(event, version);
        };
    }

    private static Recorded recorded(ClinicalEntryEvent event, long version) {
        EntryType type = EntryType.ofResourceType(event.resourceType())
                .orElseThrow(() -> new IllegalStateException(
                        "entry " + event.entryId() + " has unknown type " + event.resourceType()));
        return new Recorded(event.entryId(), event.personId(), type, version, event.organization(), event.resource());
    }

    private static ClinicalEntryEvent record(RecordEntry command, EntryState state) {
        if (state instanceof Recorded) {
            throw new EntryRejected(Reason.ALREADY_RECORDED, "entry " + command.entryId() + " is already recorded");
        }
        return ClinicalEntryEvent.recorded(
                command.type(), command.entryId(), command.personId(), command.provenance(), command.resource());
    }

    private static ClinicalEntryEvent amend(AmendEntry command, EntryState state) {
        if (!(state instanceof Recorded current) || !current.type().equals(command.type())) {
            throw new EntryRejected(
                    Reason.NOT_FOUND, command.type().resourceType() + "/" + command.entryId() + " does not exist");
        }
        if (!current.organization().equals(command.provenance().organization())) {
            throw new EntryRejected(
                    Reason.NOT_RECORDING_ORGANIZATION,
                    "only " + current.organization() + ", which recorded this entry, may amend it");
        }
        if (current.version() != command.expectedVersion()) {
            throw new EntryRejected(
                    Reason.VERSION_MISMATCH,
                    "the entry is at version " + current.version() + ", the amendment was based on version "
                            + command.expectedVersion());
        }
        if (!current.personId().equals(command.personId())) {
            throw new EntryRejected(
                    Reason.SUBJECT_CHANGED,
                    "an amendment must keep the subject Patient/" + current.personId()
                            + "; record a new entry for another person");
        }
        Provenance by = command.provenance();
        return new EntryAmended(
                command.entryId(),
                current.personId(),
                by.organization(),
                by.practitioner(),
                current.type().resourceType(),
                command.resource());
    }
}
