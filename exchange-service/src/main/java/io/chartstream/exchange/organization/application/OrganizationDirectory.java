package io.chartstream.exchange.organization;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.exchange.organization.domain.Organization;
import io.chartstream.exchange.organization.domain.OrganizationDecider;
import io.chartstream.exchange.organization.domain.OrganizationEvent;
import io.chartstream.exchange.organization.domain.RegisterOrganization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The provider directory's application service: decide on the current state, append the
 * events to {@code organization-<id>} and update the state row, in one transaction.
 */
@ApplicationScoped
public class OrganizationDirectory {

    public record Registration(Organization organization, boolean created) {
    }

    private final DataSource dataSource;
    private final JdbcEventStore store;
    private final OrganizationTable table;
    private final EventTypes<OrganizationEvent> types;

    public OrganizationDirectory(DataSource dataSource, JdbcEventStore store, OrganizationTable table, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.store = store;
        this.table = table;
        this.types = new EventTypes<OrganizationEvent>(mapper)
                .register("io.chartstream.exchange.OrganizationRegistered.v1", OrganizationEvent.OrganizationRegistered.class);
    }

    public static String streamOf(String organizationId) {
        return "organization-" + organizationId;
    }

    @Transactional(rollbackOn = Exception.class)
    public Registration register(RegisterOrganization command, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Organization state = table.find(c, command.id()).orElse(Organization.none(command.id()));
            List<OrganizationEvent> events = OrganizationDecider.decide(command, state);
            if (events.isEmpty()) {
                return new Registration(state, false);
            }
            // Organization events concern no person: their subject (and Kafka key) is the organization id.
            store.append(c, streamOf(command.id()), state.version(),
                    events.stream().map(e -> types.toNew(e, e.organizationId())).toList(),
                    new EventMetadata(null, null, actor, command.id()));
            Organization after = state;
            for (OrganizationEvent e : events) {
                after = after.evolve(e);
            }
            table.insert(c, after, command.webhookSecret());
            return new Registration(after, true);
        }
    }

    public List<Organization> all() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return table.all(c);
        }
    }

    public Optional<Organization> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return table.find(c, id);
        }
    }
}
