package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.eventsourcing.runtime.DaemonTimers;
import io.chartstream.exchange.audit.domain.AuditEntry;
import io.chartstream.exchange.audit.domain.RefusedAttempts;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AbstractSecurityEvent;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Audits requests refused before any record was looked at (401: no or an invalid token; 403: a
 * token whose roles do not allow the endpoint) from Quarkus' security events, tallied per
 * {@code chartstream.audit.refused-window} ({@link RefusedAttempts}) and appended to the trail at
 * the end of each window. A refusal about a known person's record is audited at once, with the
 * person, by the gateway itself (Disclosures).
 */
@ApplicationScoped
public class RefusedAttemptAudit {

    private static final Logger LOG = Logger.getLogger(RefusedAttemptAudit.class);
    private static final int MAX_KINDS_PER_WINDOW = 1_000;
    private static final int MAX_UNWRITTEN = 10_000;

    private final AuditAppender audit;
    private final Duration window;
    private final RefusedAttempts attempts = new RefusedAttempts(MAX_KINDS_PER_WINDOW);
    private final List<AuditEntry> unwritten = new ArrayList<>();
    private ScheduledExecutorService timer;

    public RefusedAttemptAudit(
            AuditAppender audit,
            @ConfigProperty(name = "chartstream.audit.refused-window", defaultValue = "60s") Duration window) {
        this.audit = audit;
        this.window = window;
    }

    void onStart(@Observes StartupEvent start) {
        timer = DaemonTimers.single("refused-attempt-audit");
        timer.scheduleWithFixedDelay(this::flush, window.toMillis(), window.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
        }
        flush();
    }

    void authenticationFailed(@Observes AuthenticationFailureEvent event) {
        count(RefusedAttempts.UNAUTHENTICATED, event, reason(event.getAuthenticationFailure()));
    }

    void authorizationFailed(@Observes AuthorizationFailureEvent event) {
        Throwable failure = event.getAuthorizationFailure();
        boolean anonymous = event.getSecurityIdentity() == null
                || event.getSecurityIdentity().isAnonymous()
                || failure instanceof UnauthorizedException;
        count(anonymous ? RefusedAttempts.UNAUTHENTICATED : RefusedAttempts.FORBIDDEN, event, reason(failure));
    }

    private void count(String subtype, AbstractSecurityEvent event, String reason) {
        RoutingContext request = routingContext(event);
        Caller who = who(event.getSecurityIdentity());
        attempts.count(
                new RefusedAttempts.Attempt(
                        subtype,
                        who.user(),
                        who.organization(),
                        request == null ? null : request.request().method().name(),
                        request == null ? null : request.normalizedPath(),
                        request == null || request.request().remoteAddress() == null
                                ? "unknown"
                                : request.request().remoteAddress().hostAddress(),
                        reason),
                Instant.now());
    }

    /**
     * Appends the window's records; if the trail cannot take them now (the database is down), they
     * are tried again after the next window, up to {@code MAX_UNWRITTEN} records.
     */
    private synchronized void flush() {
        unwritten.addAll(attempts.drain(Instant.now()));
        if (unwritten.isEmpty()) {
            return;
        }
        try {
            audit.append(unwritten);
            unwritten.clear();
        } catch (Exception e) {
            LOG.warnf("could not audit %d kinds of refused requests yet (%s); trying again", unwritten.size(), e);
            while (unwritten.size() > MAX_UNWRITTEN) {
                unwritten.remove(0);
            }
        }
    }

    private static RoutingContext routingContext(AbstractSecurityEvent event) {
        Object context = event.getEventProperties() == null
                ? null
                : event.getEventProperties().get(RoutingContext.class.getName());
        return context instanceof RoutingContext rc ? rc : null;
    }

    /** The user and organization a token names (null when there is no token). */
    private record Caller(String user, String organization) {}

    private static Caller who(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Caller(null, null);
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            String user = token.getClaim("preferred_username");
            return new Caller(user != null ? user : token.getName(), token.getClaim("org_id"));
        }
        return new Caller(identity.getPrincipal().getName(), null);
    }

    private static String reason(Throwable failure) {
        return failure == null ? "refused" : failure.getClass().getSimpleName();
    }
}
