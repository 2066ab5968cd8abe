package io.chartstream.exchange.relationship.application;

import io.chartstream.eventsourcing.runtime.DaemonTimers;
import io.chartstream.exchange.access.domain.AccessCommand;
import io.chartstream.exchange.access.domain.EndReason;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.fhir.ActingParty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends relationships whose time is up, as events, so that the views are retracted and the feeds
 * say so: attestations and emergency access past their end ({@code expired}), identifier
 * relationships without a write by their organization for the inactivity period ({@code
 * inactive}; reads do not count, or an organization could keep a relationship alive by reading).
 * The gateway's reads check the time themselves, so nothing is disclosed in between.
 */
@ApplicationScoped
public class RelationshipExpiry {

    private static final Logger LOG = Logger.getLogger(RelationshipExpiry.class);
    private static final int BATCH = 200;
    private static final ActingParty EXCHANGE = new ActingParty(null, "exchange-service", null);

    private final OrgViews views;
    private final CareRelationships relationships;
    private final AccessConfig config;
    private ScheduledExecutorService timer;

    public RelationshipExpiry(OrgViews views, CareRelationships relationships, AccessConfig config) {
        this.views = views;
        this.relationships = relationships;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        timer = DaemonTimers.single("relationship-expiry");
        long every = config.expiryCheckEvery().toMillis();
        timer.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void runSafely() {
        try {
            endDue();
        } catch (Exception e) {
            LOG.warnf(e, "ending due care relationships failed; next try in %s", config.expiryCheckEvery());
        }
    }

    /** Ends what is due now; returns how many persons' relationships were looked at. */
    public int endDue() throws Exception {
        Set<UUID> expiring = new LinkedHashSet<>();
        views.dueToEnd(BATCH).forEach(d -> expiring.add(d.personId()));
        for (UUID person : expiring) {
            relationships.handle(new AccessCommand.ExpireRelationships(person, Instant.now()), EXCHANGE);
        }
        var idle = views.idleSince(Instant.now().minus(config.inactivityPeriod()), BATCH);
        for (OrgViews.Due d : idle) {
            relationships.handle(
                    new AccessCommand.EndRelationship(
                            d.personId(),
                            d.organization(),
                            null,
                            EndReason.INACTIVE,
                            "exchange-service",
                            Instant.now()),
                    EXCHANGE);
        }
        return expiring.size() + idle.size();
    }
}
