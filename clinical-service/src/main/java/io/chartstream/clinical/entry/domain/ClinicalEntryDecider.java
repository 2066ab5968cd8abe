package io.chartstream.clinical.entry.domain;

import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.AmendEntry;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.EnterInError;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.RecordEntry;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryAmended;
import io.chartstream.clinical.entry.domain.ClinicalEntryEvent.EntryEnteredInError;
import io.chartstream.clinical.entry.domain.EntryRejected.Reason;
import io.chartstream.clinical.entry.domain.EntryState.EnteredInError;
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
            case EnterInError withdraw -> enterInError(withdraw, state);
        };
    }

    @Override
    public EntryState evolve(EntryState state, ClinicalEntryEvent event) {
        long version = state.version() + 1;
        return switch (state) {
            case Recorded current
            when event instanceof EntryEnteredInError ->
                new EnteredInError(
                        current.entryId(),
                        current.personId(),
                        current.type(),
                        version,
                        current.organization(),
                        event.resource());
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
            case EnteredInError gone ->
                throw new IllegalStateException("entry " + gone.entryId() + " was entered in error; no event follows");
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
        if (state instanceof EnteredInError gone && gone.type().equals(command.type())) {
            throw new EntryRejected(
                    Reason.ENTERED_IN_ERROR,
                    command.type().resourceType() + "/" + command.entryId()
                            + " was entered in error and changes no more; record a new entry instead");
        }
        if (!(state instanceof Recorded current) || !current.type().equals(command.type())) {
            throw new EntryRejected(
                    Reason.NOT_FOUND, command.type().resourceType() + "/" + command.entryId() + " does not exist");
        }
        requireRecordingOrganization(
                current.organization(), command.provenance().organization());
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

    /**
     * Only the recording organization withdraws its entry, like an amendment; withdrawing it again
     * changes nothing (a repeated FHIR DELETE succeeds), whatever version it names.
     */
    private static List<ClinicalEntryEvent> enterInError(EnterInError command, EntryState state) {
        String organization = command.provenance().organization();
        switch (state) {
            case EnteredInError gone
            when gone.type().equals(command.type()) -> {
                requireRecordingOrganization(gone.organization(), organization);
                return List.of();
            }
            case Recorded current
            when current.type().equals(command.type()) -> {
                requireRecordingOrganization(current.organization(), organization);
                if (current.version() != command.expectedVersion()) {
                    throw new EntryRejected(
                            Reason.VERSION_MISMATCH,
                            "the entry is at version " + current.version() + ", the withdrawal was based on version "
                                    + command.expectedVersion());
                }
                return List.of(new EntryEnteredInError(
                        command.entryId(),
                        current.personId(),
                        organization,
                        command.provenance().practitioner(),
                        current.type().resourceType(),
                        command.resource()));
            }
            default ->
                throw new EntryRejected(
                        Reason.NOT_FOUND, command.type().resourceType() + "/" + command.entryId() + " does not exist");
        }
    }

    private static void requireRecordingOrganization(String recordedBy, String organization) {
        if (!recordedBy.equals(organization)) {
            throw new EntryRejected(
                    Reason.NOT_RECORDING_ORGANIZATION,
                    "only " + recordedBy + ", which recorded this entry, may amend or withdraw it");
        }
    }
}
