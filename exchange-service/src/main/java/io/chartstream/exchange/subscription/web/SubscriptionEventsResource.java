package io.chartstream.exchange.subscription.web;

import io.chartstream.exchange.audit.domain.ChannelEntries;
import io.chartstream.exchange.audit.infrastructure.AuditAppender;
import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.exchange.subscription.application.Notifications;
import io.chartstream.exchange.subscription.domain.FeedItem;
import io.chartstream.exchange.subscription.infrastructure.FeedLog;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code $events} (Subscriptions Backport): an organization's systems fetch the notifications
 * they missed, by event number, e.g. after seeing a gap. Each organization reads only its own.
 */
@Path("/fhir/Subscription")
@Authenticated
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public class SubscriptionEventsResource {

    static final int MAX_EVENTS = 100;

    private final FeedLog feed;
    private final Notifications notifications;
    private final JsonWebToken token;
    private final AuditAppender audit;

    public SubscriptionEventsResource(
            FeedLog feed, Notifications notifications, JsonWebToken token, AuditAppender audit) {
        this.feed = feed;
        this.notifications = notifications;
        this.token = token;
        this.audit = audit;
    }

    @GET
    @Path("/{orgId}/$events")
    @RolesAllowed({"clinician", "org-system"})
    public Response events(
            @PathParam("orgId") String orgId,
            @QueryParam("eventsSinceNumber") Long since,
            @QueryParam("eventsUntilNumber") Long until,
            @Context UriInfo uri)
            throws SQLException {
        ActingParty caller = ActingParty.fromToken(token, null);
        if (!caller.organization().equals(orgId)) {
            throw FhirProblem.forbidden("Subscription/" + orgId + " belongs to another organization");
        }
        long from = since == null ? 1 : since;
        if (from < 1 || (until != null && until < from)) {
            throw FhirProblem.invalid("need 1 <= eventsSinceNumber <= eventsUntilNumber");
        }
        int limit = until == null ? MAX_EVENTS : (int) Math.min(MAX_EVENTS, until - from + 1);
        List<FeedItem> items = feed.after(orgId, from - 1, limit);
        String base = uri.getBaseUri().toString();
        String fhirBase = (base.endsWith("/") ? base : base + "/") + "fhir";
        var bundle = notifications.bundle(orgId, "query-event", feed.lastNumber(orgId), items, fhirBase);
        UUID answer = UUID.randomUUID();
        Instant now = Instant.now();
        try {
            audit.append(items.stream()
                    .map(item -> ChannelEntries.eventsAnswer(
                            answer, orgId, caller.actor(), item.eventNumber(), item.personId(), item.reference(), now))
                    .toList());
        } catch (SQLException e) {
            throw Disclosures.notAudited(e);
        }
        return Response.ok(notifications.encode(bundle), FhirMediaTypes.FHIR_JSON_UTF8)
                .build();
    }
}
