package io.chartstream.exchange.access.application;

import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.exchange.ExchangeContracts;
import io.chartstream.eventsourcing.codec.EventTypes;
import io.chartstream.eventsourcing.decider.CommandHandler;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.JdbcEventStore;
import io.chartstream.exchange.access.domain.AccessCommand;
import io.chartstream.exchange.access.domain.AccessDecider;
import io.chartstream.exchange.access.domain.AccessEvent;
import io.chartstream.exchange.access.domain.PersonAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Decides an access command on the person's access stream ({@code access-<personId>}) and appends
 * the events, published on {@code chartstream.exchange.events} through the outbox. The org-views
 * projection applies them to every organization's view.
 */
@ApplicationScoped
public class AccessRules {

    /** The source of the events this service appends, the first half of a read-your-writes position. */
    public static final String SOURCE = ExchangeContracts.SOURCE;

    private final DataSource dataSource;
    private final CommandHandler<AccessCommand, AccessEvent, PersonAccess> handler;

    public AccessRules(DataSource dataSource, JdbcEventStore store) {
        this.dataSource = dataSource;
        this.handler = new CommandHandler<>(
                store, eventTypes(), AccessDecider.INSTANCE, e -> e.personId().toString());
    }

    /** The access events, bound to their contracts with the contracts' JSON settings. */
    public static EventTypes<AccessEvent> eventTypes() {
        return new EventTypes<AccessEvent>(ContractJson.mapper())
                .register(ExchangeContracts.TREATMENT_ATTESTED, AccessEvent.TreatmentAttested.class)
                .register(ExchangeContracts.EMERGENCY_ACCESS_GRANTED, AccessEvent.EmergencyAccessGranted.class)
                .register(ExchangeContracts.CARE_RELATIONSHIP_ENDED, AccessEvent.CareRelationshipEnded.class)
                .register(ExchangeContracts.CONSENT_RECORDED, AccessEvent.ConsentRecorded.class);
    }

    public static String streamOf(UUID personId) {
        return "access-" + personId;
    }

    /** Decides and appends, retrying once on fresh state when another command won the race. */
    @Transactional(rollbackOn = Exception.class)
    public Handled<PersonAccess, AccessEvent> handle(AccessCommand command, EventMetadata metadata)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return handler.handle(c, streamOf(command.personId()), command, metadata);
        }
    }

    public PersonAccess current(UUID personId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return handler.load(c, streamOf(personId)).state();
        }
    }
}
