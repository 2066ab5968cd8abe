package io.chartstream.exchange.gateway.web;

import io.chartstream.exchange.gateway.application.AuditedPersonMerges;
import io.chartstream.exchange.gateway.infrastructure.MatchReviewForwarder;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The HIE administrators' merge and unmerge of persons (issue 12 part 3), done by patient-service
 * and audited here ({@link AuditedPersonMerges}). Merge body {@code {"survivorPersonId",
 * "mergedPersonId", "reason"}}; unmerge body {@code {"mergedPersonId", "reason"}}.
 */
@Path("/admin/person-merges")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
public class PersonMergeAdminResource {

    private final AuditedPersonMerges merges;
    private final SecurityIdentity identity;

    public PersonMergeAdminResource(AuditedPersonMerges merges, SecurityIdentity identity) {
        this.merges = merges;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("hie-admin")
    public Response merge(String body) {
        return passOn(merges.merge(identity.getPrincipal().getName(), body));
    }

    @POST
    @Path("unmerge")
    @RolesAllowed("hie-admin")
    public Response unmerge(String body) {
        return passOn(merges.unmerge(identity.getPrincipal().getName(), body));
    }

    static Response passOn(MatchReviewForwarder.Answer answer) {
        return Response.status(answer.status())
                .type(answer.contentType() == null ? MediaType.APPLICATION_JSON : answer.contentType())
                .entity(answer.body())
                .build();
    }
}
