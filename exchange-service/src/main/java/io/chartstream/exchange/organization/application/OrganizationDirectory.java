package io.chartstream.exchange.organization.application;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.decider.CommandHandler;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.exchange.organization.domain.Organization;
import io.chartstream.exchange.organization.domain.OrganizationDecider;
import io.chartstream.exchange.organization.domain.OrganizationEvent;
import io.chartstream.exchange.organization.domain.RegisterOrganization;
import io.chartstream.exchange.organization.infrastructure.OrganizationTable;
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

    public record Registration(Organization organization, boolean created) {}

    private final DataSource dataSource;
    private final OrganizationTable table;
    private final CommandHandler<RegisterOrganization, OrganizationEvent, Organization> handler;

    public OrganizationDirectory(DataSource dataSource, JdbcEventStore store, OrganizationTable table) {
        this.dataSource = dataSource;
        this.table = table;
        // Organization events concern no person: their subject (and Kafka key) is the organization id.
        this.handler = new CommandHandler<>(
                store, eventTypes(), OrganizationDecider.INSTANCE, OrganizationEvent::organizationId);
    }

    /** The directory's published events, bound to their contracts with the contracts' JSON settings. */
    public static EventTypes<OrganizationEvent> eventTypes() {
        return new EventTypes<OrganizationEvent>(ContractJson.mapper())
                .register(ExchangeContracts.ORGANIZATION_REGISTERED, OrganizationEvent.OrganizationRegistered.class);
    }

    public static String streamOf(String organizationId) {
        return "organization-" + organizationId;
    }

    @Transactional(rollbackOn = Exception.class)
    public Registration register(RegisterOrganization command, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Handled<Organization, OrganizationEvent> handled = handler.handle(
                    c, streamOf(command.id()), command, new EventMetadata(null, null, actor, command.id()));
            if (handled.changedNothing()) {
                return new Registration(handled.before(), false);
            }
            table.insert(c, handled.after(), command.webhookSecret());
            return new Registration(handled.after(), true);
        }
    }

    public List<Organization> all() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return table.all(c);
        }
    }

    /** The organization whose HL7 v2 sending facility (MSH-4 namespace id) this is. */
    public Optional<Organization> byFacility(String facility) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return table.byFacility(c, facility);
        }
    }

    public Optional<Organization> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return table.find(c, id);
        }
    }
}
