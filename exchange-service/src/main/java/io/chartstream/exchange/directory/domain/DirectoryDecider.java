package io.chartstream.exchange.directory.domain;

import io.chartstream.eventsourcing.decider.Decider;
import io.chartstream.exchange.directory.domain.DirectoryCommand.AmendResource;
import io.chartstream.exchange.directory.domain.DirectoryCommand.RecordResource;
import io.chartstream.exchange.directory.domain.DirectoryEvent.DirectoryResourceAmended;
import io.chartstream.exchange.directory.domain.DirectoryEvent.DirectoryResourceRecorded;

import java.util.List;

import static io.chartstream.exchange.directory.domain.DirectoryRejected.Reason.ALREADY_RECORDED;
import static io.chartstream.exchange.directory.domain.DirectoryRejected.Reason.NOT_FOUND;
import static io.chartstream.exchange.directory.domain.DirectoryRejected.Reason.TYPE_CHANGED;
import static io.chartstream.exchange.directory.domain.DirectoryRejected.Reason.UNKNOWN_TYPE;
import static io.chartstream.exchange.directory.domain.DirectoryRejected.Reason.VERSION_MISMATCH;

/**
 * Decides the life of one directory resource: it is recorded once under its id, and each update
 * is based on the version it replaces (a stale one is refused, never a silent overwrite). What a
 * valid resource is, and whether one with the same identifier exists, is decided before: FHIR
 * validity at the edge, conditional creates under the identifier's lock.
 */
public final class DirectoryDecider implements Decider<DirectoryCommand, DirectoryEvent, DirectoryEntry> {

    public static final DirectoryDecider INSTANCE = new DirectoryDecider();

    private DirectoryDecider() {}

    @Override
    public DirectoryEntry initialState() {
        return DirectoryEntry.none();
    }

    @Override
    public DirectoryEntry evolve(DirectoryEntry state, DirectoryEvent event) {
        return new DirectoryEntry(event.resourceType(), event.resourceId(), state.version() + 1);
    }

    @Override
    public List<DirectoryEvent> decide(DirectoryCommand command, DirectoryEntry state) {
        if (!DirectoryTypes.serves(command.resourceType())) {
            throw new DirectoryRejected(
                    UNKNOWN_TYPE,
                    "the provider directory holds " + String.join(", ", DirectoryTypes.ALL) + ", not "
                            + command.resourceType());
        }
        return switch (command) {
            case RecordResource r -> record(r, state);
            case AmendResource a -> amend(a, state);
        };
    }

    private static List<DirectoryEvent> record(RecordResource command, DirectoryEntry state) {
        if (state.exists()) {
            throw new DirectoryRejected(
                    ALREADY_RECORDED, command.resourceType() + "/" + command.resourceId() + " exists already");
        }
        return List.of(new DirectoryResourceRecorded(command.resourceType(), command.resourceId(), command.resource()));
    }

    private static List<DirectoryEvent> amend(AmendResource command, DirectoryEntry state) {
        String ref = command.resourceType() + "/" + command.resourceId();
        if (!state.exists()) {
            throw new DirectoryRejected(NOT_FOUND, ref + " is not in the directory");
        }
        if (!state.resourceType().equals(command.resourceType())) {
            throw new DirectoryRejected(TYPE_CHANGED, ref + " is a " + state.resourceType());
        }
        if (state.version() != command.expectedVersion()) {
            throw new DirectoryRejected(
                    VERSION_MISMATCH,
                    ref + " is at version " + state.version() + ", the update is based on version "
                            + command.expectedVersion());
        }
        return List.of(new DirectoryResourceAmended(command.resourceType(), command.resourceId(), command.resource()));
    }
}
