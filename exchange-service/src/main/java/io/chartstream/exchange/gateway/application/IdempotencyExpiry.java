package io.chartstream.exchange.gateway.application;

import io.chartstream.eventsourcing.runtime.DaemonTimers;
import io.chartstream.exchange.gateway.infrastructure.IdempotencyTable;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Idempotency-Keys are kept for {@code chartstream.idempotency.keep-for} (24 h: longer than any
 * client's retries) and then forgotten with the answers they stored, which are PHI. A retry after
 * that is a new request.
 */
@ApplicationScoped
public class IdempotencyExpiry {

    private static final Logger LOG = Logger.getLogger(IdempotencyExpiry.class);
    private static final Duration CHECK_EVERY = Duration.ofMinutes(10);

    private final IdempotencyTable table;
    private final Duration keepFor;
    private ScheduledExecutorService timer;

    public IdempotencyExpiry(
            IdempotencyTable table,
            @ConfigProperty(name = "chartstream.idempotency.keep-for", defaultValue = "24h") Duration keepFor) {
        this.table = table;
        this.keepFor = keepFor;
    }

    void onStart(@Observes StartupEvent start) {
        timer = DaemonTimers.single("idempotency-expiry");
        timer.scheduleWithFixedDelay(this::runSafely, 0, CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void runSafely() {
        try {
            forgetExpired(Instant.now());
        } catch (SQLException e) {
            LOG.warnf("forgetting expired Idempotency-Keys failed (%s); next try in %s", e, CHECK_EVERY);
        }
    }

    /** Forgets the keys older than the keeping period at {@code now}; returns how many. */
    public int forgetExpired(Instant now) throws SQLException {
        int forgotten = table.forgetClaimedBefore(now.minus(keepFor));
        if (forgotten > 0) {
            LOG.infof("forgot %d Idempotency-Keys older than %s", forgotten, keepFor);
        }
        return forgotten;
    }
}
