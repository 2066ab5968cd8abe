package io.chartstream.exchange.directory.application;

import io.chartstream.eventsourcing.decider.CommandHandler;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.StreamConflictException;
import io.chartstream.exchange.directory.domain.DirectoryCommand;
import io.chartstream.exchange.directory.domain.DirectoryDecider;
import io.chartstream.exchange.directory.domain.DirectoryEntry;
import io.chartstream.exchange.directory.domain.DirectoryEvent;
import io.chartstream.exchange.directory.domain.DirectoryRejected;
import io.chartstream.exchange.directory.domain.ResourceJson;
import io.chartstream.exchange.directory.infrastructure.DirectoryCriteria;
import io.chartstream.exchange.directory.infrastructure.DirectoryEventTypes;
import io.chartstream.exchange.directory.infrastructure.DirectoryRow;
import io.chartstream.exchange.directory.infrastructure.DirectoryTable;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The directory's write transactions: under the identifiers' locks, decide on the stream, append
 * its events to {@code directory-<type>-<id>} and write the state rows, in one transaction.
 */
@ApplicationScoped
public class DirectoryWrites {

    /** What a create left behind: the resource it made, or the one it matched. */
    public record Outcome(DirectoryTable.Stored stored, boolean created) {}

    private final DataSource dataSource;
    private final DirectoryTable table;
    private final CommandHandler<DirectoryCommand, DirectoryEvent, DirectoryEntry> handler;

    public DirectoryWrites(DataSource dataSource, JdbcEventStore store, DirectoryTable table) {
        this.dataSource = dataSource;
        this.table = table;
        // Directory events concern no person: their subject (and Kafka key) is the resource id.
        this.handler = new CommandHandler<>(
                store, DirectoryEventTypes.create(), DirectoryDecider.INSTANCE, DirectoryEvent::resourceId);
    }

    static String streamOf(String resourceType, String id) {
        return "directory-" + resourceType + "-" + id;
    }

    /**
     * Records {@code row} (version 1), unless {@code ifNoneExist} names an identifier a resource of
     * the type already has: then that one is the outcome and nothing is written. The check and the
     * write hold the identifier's lock, so concurrent conditional creates make one resource.
     */
    @Transactional(rollbackOn = Exception.class)
    public Outcome create(DirectoryRow row, DirectoryRow.Identifier ifNoneExist, ActingParty caller) {
        try (Connection c = dataSource.getConnection()) {
            List<DirectoryRow.Identifier> keys = new ArrayList<>(row.identifiers());
            if (ifNoneExist != null) {
                keys.add(ifNoneExist);
                table.lock(c, row.resourceType(), keys);
                List<DirectoryTable.Stored> matches = table.search(
                        c,
                        DirectoryCriteria.identifier(row.resourceType(), ifNoneExist.system(), ifNoneExist.value()),
                        2,
                        0);
                if (matches.size() > 1) {
                    throw severalMatch(row.resourceType(), ifNoneExist);
                }
                if (matches.size() == 1) {
                    return new Outcome(matches.get(0), false);
                }
            } else {
                table.lock(c, row.resourceType(), keys);
            }
            String id = row.id().toString();
            handler.handle(
                    c,
                    streamOf(row.resourceType(), id),
                    new DirectoryCommand.RecordResource(row.resourceType(), id, new ResourceJson(row.json())),
                    caller.metadata());
            table.save(c, row);
            return new Outcome(stored(row), true);
        } catch (SQLException e) {
            throw new DirectoryStorageFailed(e);
        }
    }

    /** Records {@code row} as the version after {@code expectedVersion}; a stale one is 412. */
    @Transactional(rollbackOn = Exception.class)
    public DirectoryTable.Stored amend(DirectoryRow row, long expectedVersion, ActingParty caller) {
        try (Connection c = dataSource.getConnection()) {
            table.lock(c, row.resourceType(), row.identifiers());
            String id = row.id().toString();
            handler.handle(
                    c,
                    streamOf(row.resourceType(), id),
                    new DirectoryCommand.AmendResource(
                            row.resourceType(), id, expectedVersion, new ResourceJson(row.json())),
                    caller.metadata());
            table.save(c, row);
            return stored(row);
        } catch (SQLException e) {
            throw new DirectoryStorageFailed(e);
        } catch (StreamConflictException e) {
            throw FhirProblem.preconditionFailed(row.resourceType() + "/" + row.id()
                    + " was changed concurrently; read it again and base the update on the new version");
        } catch (DirectoryRejected e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> FhirProblem.notFound(e.getMessage());
                case VERSION_MISMATCH -> FhirProblem.preconditionFailed(e.getMessage());
                default -> FhirProblem.invalid(e.getMessage());
            };
        }
    }

    static FhirProblem severalMatch(String resourceType, DirectoryRow.Identifier identifier) {
        return FhirProblem.preconditionFailed("more than one " + resourceType + " has the identifier "
                + identifier.system() + "|" + identifier.value() + ": the directory cannot choose one");
    }

    private static DirectoryTable.Stored stored(DirectoryRow row) {
        return new DirectoryTable.Stored(row.resourceType(), row.id(), row.version(), row.json(), row.lastUpdated());
    }

    /** PostgreSQL failed under a directory write; the shared mapper answers 503 when it is out of reach. */
    static final class DirectoryStorageFailed extends RuntimeException {
        DirectoryStorageFailed(SQLException cause) {
            super("the provider directory could not be written: " + cause.getMessage(), cause);
        }
    }

    static UUID uuidOrNull(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
