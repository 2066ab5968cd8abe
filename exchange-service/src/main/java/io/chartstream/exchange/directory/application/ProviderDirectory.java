package io.chartstream.exchange.directory.application;

import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.eventsourcing.store.RecordedEvent;
import io.chartstream.exchange.directory.domain.DirectoryEvent;
import io.chartstream.exchange.directory.domain.DirectoryTypes;
import io.chartstream.exchange.directory.infrastructure.DirectoryCriteria;
import io.chartstream.exchange.directory.infrastructure.DirectoryEventTypes;
import io.chartstream.exchange.directory.infrastructure.DirectoryRow;
import io.chartstream.exchange.directory.infrastructure.DirectoryTable;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Resource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The provider directory of FHIR Organization, Practitioner, PractitionerRole and Location, for
 * the FHIR API and for a bundle processor: create (conditionally, by identifier), update, read,
 * search and resolve a conditional reference. Every refusal is a {@link FhirProblem}.
 */
@ApplicationScoped
public class ProviderDirectory {

    /** The resource types the directory owns. */
    public static final List<String> TYPES = DirectoryTypes.ALL;

    /**
     * A create's answer: {@code created} false when {@code If-None-Exist} matched an existing
     * resource (then {@code json} is that one and nothing was written).
     */
    public record Created(String resourceType, String id, long version, boolean created, String json) {

        /** {@code Organization/<id>}, what a reference to it reads. */
        public String reference() {
            return resourceType + "/" + id;
        }
    }

    /** One version of a directory resource. */
    public record Stored(String resourceType, String id, long version, String json, Instant lastUpdated) {}

    /** One page of a search: the matches on it and how many there are in all. */
    public record Page(int total, List<Stored> matches) {}

    private final DataSource dataSource;
    private final JdbcEventStore store;
    private final DirectoryTable table;
    private final DirectoryWrites writes;
    private final DirectoryFhir fhir;
    private final EventTypes<DirectoryEvent> eventTypes = DirectoryEventTypes.create();

    public ProviderDirectory(
            DataSource dataSource,
            JdbcEventStore store,
            DirectoryTable table,
            DirectoryWrites writes,
            DirectoryFhir fhir) {
        this.dataSource = dataSource;
        this.store = store;
        this.table = table;
        this.writes = writes;
        this.fhir = fhir;
    }

    public static boolean serves(String resourceType) {
        return DirectoryTypes.serves(resourceType);
    }

    /** The stream of a resource's events. */
    public static String streamOf(String resourceType, String id) {
        return DirectoryWrites.streamOf(resourceType, id);
    }

    /**
     * Creates a resource under a new id (version 1). With {@code ifNoneExist}
     * ({@code identifier=system|value}, the query of a FHIR conditional create): exactly one
     * resource of the type with that identifier → that one, {@code created} false, nothing written
     * and the body not looked at (FHIR: the server ignores the post); several → 412; none → created.
     * 400 not FHIR JSON or another type; 422 with every finding when it breaks FHIR R4.
     */
    public Created create(String resourceType, String json, String ifNoneExist, ActingParty caller) {
        requireServed(resourceType);
        DirectoryRow.Identifier conditional = ifNoneExist == null || ifNoneExist.isBlank()
                ? null
                : ConditionalQuery.parse(ifNoneExist).identifier();
        if (conditional != null) {
            // the usual case of a feed that sends its practitioners with every patient: no parse, no lock
            Optional<DirectoryTable.Stored> existing = single(resourceType, conditional);
            if (existing.isPresent()) {
                return matched(stored(existing.get()));
            }
        }
        Resource resource = fhir.parseValid(resourceType, json);
        DirectoryRow row = row(resourceType, resource, UUID.randomUUID(), 1);
        DirectoryWrites.Outcome outcome = writes.create(row, conditional, caller);
        return outcome.created()
                ? new Created(resourceType, row.id().toString(), 1, true, row.json())
                : matched(stored(outcome.stored()));
    }

    /**
     * Replaces a resource with a new version based on {@code expectedVersion} (the If-Match):
     * 404 unknown, 412 stale, 400 when the body's id is not {@code id}, 422 invalid.
     */
    public Stored update(String resourceType, String id, String json, long expectedVersion, ActingParty caller) {
        requireServed(resourceType);
        UUID uuid = DirectoryWrites.uuidOrNull(id);
        if (uuid == null) {
            throw FhirProblem.notFound(resourceType + "/" + id + " is not in the directory");
        }
        Resource resource = fhir.parseValid(resourceType, json);
        if (!resource.hasIdElement() || !id.equals(resource.getIdElement().getIdPart())) {
            throw FhirProblem.invalid("an update's body must carry the id of the URL, " + id);
        }
        return stored(writes.amend(row(resourceType, resource, uuid, expectedVersion + 1), expectedVersion, caller));
    }

    /**
     * A conditional reference ({@code Organization?identifier=system|value}) as a literal one
     * ({@code Organization/<id>}) when exactly one resource matches; empty when none does; 412
     * when several do; 400 for another type or search.
     */
    public Optional<String> resolve(String conditionalReference) {
        int query = conditionalReference == null ? -1 : conditionalReference.indexOf('?');
        if (query <= 0) {
            throw FhirProblem.invalid(
                    "a conditional reference reads Type?identifier=system|value, not " + conditionalReference);
        }
        String resourceType = conditionalReference.substring(0, query);
        requireServed(resourceType);
        DirectoryRow.Identifier identifier = ConditionalQuery.parse(conditionalReference.substring(query + 1))
                .identifier();
        return single(resourceType, identifier).map(row -> resourceType + "/" + row.id());
    }

    /** The current version; empty for an unknown type or id. */
    public Optional<Stored> read(String resourceType, String id) {
        UUID uuid = DirectoryWrites.uuidOrNull(id);
        if (!serves(resourceType) || uuid == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return table.find(c, resourceType, uuid).map(this::stored);
        } catch (SQLException e) {
            throw new DirectoryWrites.DirectoryStorageFailed(e);
        }
    }

    /** One version, from the resource's events (the directory's history is its log). */
    public Optional<Stored> readVersion(String resourceType, String id, long version) {
        if (!serves(resourceType) || DirectoryWrites.uuidOrNull(id) == null || version < 1) {
            return Optional.empty();
        }
        List<RecordedEvent> events;
        try (Connection c = dataSource.getConnection()) {
            events = store.load(c, streamOf(resourceType, id), version - 1);
        } catch (SQLException e) {
            throw new DirectoryWrites.DirectoryStorageFailed(e);
        }
        return events.stream()
                .filter(e -> e.streamVersion() == version)
                .findFirst()
                .map(e -> {
                    String json =
                            fhir.reencode(eventTypes.fromRecorded(e).resource().json());
                    return new Stored(resourceType, id, version, json, lastUpdatedOf(json, e.recordedAt()));
                });
    }

    /** A page of a search, oldest first. */
    public Page search(DirectoryCriteria criteria, int count, int offset) {
        requireServed(criteria.resourceType());
        try (Connection c = dataSource.getConnection()) {
            int total = table.count(c, criteria);
            List<Stored> matches = count == 0 || offset >= total
                    ? List.of()
                    : table.search(c, criteria, count, offset).stream()
                            .map(this::stored)
                            .toList();
            return new Page(total, matches);
        } catch (SQLException e) {
            throw new DirectoryWrites.DirectoryStorageFailed(e);
        }
    }

    /** The one row with the identifier, as stored (not parsed: a reference needs its id alone); 412 when several. */
    private Optional<DirectoryTable.Stored> single(String resourceType, DirectoryRow.Identifier identifier) {
        DirectoryCriteria criteria =
                DirectoryCriteria.identifier(resourceType, identifier.system(), identifier.value());
        List<DirectoryTable.Stored> rows;
        try (Connection c = dataSource.getConnection()) {
            rows = table.search(c, criteria, 2, 0);
        } catch (SQLException e) {
            throw new DirectoryWrites.DirectoryStorageFailed(e);
        }
        if (rows.size() > 1) {
            throw DirectoryWrites.severalMatch(resourceType, identifier);
        }
        return rows.stream().findFirst();
    }

    private DirectoryRow row(String resourceType, Resource resource, UUID id, long version) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<DirectoryRow.Identifier> identifiers = fhir.identifiers(resource);
        List<String> names = fhir.names(resource);
        String json = fhir.stamp(resource, id, version, at);
        return new DirectoryRow(resourceType, id, version, json, at, identifiers, names);
    }

    private static Created matched(Stored existing) {
        return new Created(existing.resourceType(), existing.id(), existing.version(), false, existing.json());
    }

    private Stored stored(DirectoryTable.Stored row) {
        return new Stored(
                row.resourceType(), row.id().toString(), row.version(), fhir.reencode(row.json()), row.lastUpdated());
    }

    private Instant lastUpdatedOf(String json, Instant fallback) {
        Resource resource = fhir.parseStored(json);
        return resource.getMeta().hasLastUpdated()
                ? resource.getMeta().getLastUpdated().toInstant()
                : fallback;
    }

    private static void requireServed(String resourceType) {
        if (!serves(resourceType)) {
            throw FhirProblem.invalid(
                    "the provider directory holds " + String.join(", ", TYPES) + ", not " + resourceType);
        }
    }
}
