package io.chartstream.exchange.relationship.application;

import io.chartstream.eventsourcing.decider.CommandHandler;
import io.chartstream.eventsourcing.decider.Handled;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.exchange.access.application.AccessRules;
import io.chartstream.exchange.access.domain.AccessCommand;
import io.chartstream.exchange.access.domain.AccessEvent;
import io.chartstream.exchange.access.domain.AccessRejected;
import io.chartstream.exchange.access.domain.EndReason;
import io.chartstream.exchange.access.domain.PersonAccess;
import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.fhir.ActingParty;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * The use cases of care relationships at the gateway: attest, break the glass, end, record
 * consent. Each is decided on the person's access stream and retried on fresh state when another
 * command on the same person won the race.
 */
@ApplicationScoped
public class CareRelationships {

    private final AccessRules rules;
    private final OrgViews views;
    private final AccessConfig config;
    private final PrivacyAlerts alerts;
    private final Disclosures disclosures;

    public CareRelationships(
            AccessRules rules, OrgViews views, AccessConfig config, PrivacyAlerts alerts, Disclosures disclosures) {
        this.rules = rules;
        this.views = views;
        this.config = config;
        this.alerts = alerts;
        this.disclosures = disclosures;
    }

    /** Whether the exchange knows the person at all (an attestation for nobody is refused). */
    public boolean knows(UUID personId) throws SQLException {
        return views.knows(personId);
    }

    /** Attests; a refusal because the patient blocked the organization is audited (AccessRefused). */
    public Handled<PersonAccess, AccessEvent> attest(
            ActingParty caller, UUID personId, String reason, String referral, String encounter) throws SQLException {
        try {
            return attempt(caller, personId, reason, referral, encounter);
        } catch (AccessRejected rejected) {
            if (rejected.reason() == AccessRejected.Reason.FORBIDDEN) {
                disclosures.refused(personId, caller, "Patient/$attest-treatment");
            }
            throw rejected;
        }
    }

    private Handled<PersonAccess, AccessEvent> attempt(
            ActingParty caller, UUID personId, String reason, String referral, String encounter) {
        return handle(
                new AccessCommand.AttestTreatment(
                        personId,
                        UUID.randomUUID(),
                        caller.organization(),
                        caller.actor(),
                        reason,
                        referral,
                        encounter,
                        Instant.now(),
                        config.attestationValidFor()),
                caller);
    }

    public Handled<PersonAccess, AccessEvent> breakGlass(ActingParty caller, UUID personId, String reason) {
        Handled<PersonAccess, AccessEvent> handled = handle(
                new AccessCommand.BreakGlass(
                        personId,
                        UUID.randomUUID(),
                        caller.organization(),
                        caller.actor(),
                        reason,
                        Instant.now(),
                        config.emergencyValidFor()),
                caller);
        handled.events().forEach(alerts::send);
        return handled;
    }

    public Handled<PersonAccess, AccessEvent> end(
            ActingParty caller, UUID personId, UUID relationshipId, EndReason reason) {
        return handle(
                new AccessCommand.EndRelationship(
                        personId, caller.organization(), relationshipId, reason, caller.actor(), Instant.now()),
                caller);
    }

    public Handled<PersonAccess, AccessEvent> handle(AccessCommand command, ActingParty caller) {
        EventMetadata metadata = new EventMetadata(caller.correlationId(), null, caller.actor(), caller.organization());
        return CommandHandler.retryOnConflict(3, () -> {
            try {
                return rules.handle(command, metadata);
            } catch (SQLException e) {
                throw new IllegalStateException("the access stream of " + command.personId() + " failed: " + e, e);
            }
        });
    }
}
