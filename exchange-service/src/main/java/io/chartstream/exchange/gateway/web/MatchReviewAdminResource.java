package io.chartstream.exchange.gateway.web;

import io.chartstream.exchange.gateway.application.AuditedMatchReviews;
import io.chartstream.exchange.gateway.infrastructure.MatchReviewForwarder;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The HIE administrators' review queue of possible matches (issue 12), kept by patient-service:
 * list the open ones with both records side by side, decide link or not-a-match. Deciding
 * grants no organization any access (decisions §9); a link merges the two persons (decisions §21). Each
 * answer is audited: every person listed is a disclosure to the administrator, every decision an
 * administrative action ({@link AuditedMatchReviews}).
 */
@Path("/admin/match-reviews")
@Authenticated
public class MatchReviewAdminResource {

    private final AuditedMatchReviews reviews;
    private final SecurityIdentity identity;

    public MatchReviewAdminResource(AuditedMatchReviews reviews, SecurityIdentity identity) {
        this.reviews = reviews;
        this.identity = identity;
    }

    @GET
    @RolesAllowed("hie-admin")
    public Response open(@QueryParam("count") Integer count) {
        return passOn(reviews.open(count, identity.getPrincipal().getName()));
    }

    /** Body {@code {"decision": "link" | "not-a-match"}}, recorded as decided by the calling administrator. */
    @POST
    @Path("{id}/decision")
    @RolesAllowed("hie-admin")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, String body) {
        return passOn(reviews.decide(id, identity.getPrincipal().getName(), body));
    }

    private static Response passOn(MatchReviewForwarder.Answer answer) {
        return PersonMergeAdminResource.passOn(answer);
    }
}
