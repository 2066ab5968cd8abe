package io.chartstream.patient.review.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.OperationOutcomes;
import io.chartstream.patient.review.domain.MergeNotSupported;
import io.chartstream.patient.review.domain.ReviewDecision;
import io.chartstream.patient.review.infrastructure.ReviewQueue;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The review queue of possible matches, for the exchange gateway's hie-admin endpoints: list the
 * open ones, decide one. Internal: only {@code internal-service} tokens.
 */
@Path("/match-reviews")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class MatchReviewResource {

    private final ReviewQueue queue;
    private final SecurityIdentity identity;
    private final FhirContext fhir;

    public MatchReviewResource(ReviewQueue queue, SecurityIdentity identity, FhirContext fhir) {
        this.queue = queue;
        this.identity = identity;
        this.fhir = fhir;
    }

    @GET
    @RolesAllowed("internal-service")
    public List<ReviewQueue.OpenReview> open(@QueryParam("count") Integer count) {
        return queue.open(count == null ? 50 : Math.max(1, Math.min(count, 500)));
    }

    /** Body {@code {"decision": "not-a-match" | "link"}}; a link is 409 until merge exists. */
    @POST
    @Path("{id}/decision")
    @RolesAllowed("internal-service")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> decide(
            @PathParam("id") String id, Map<String, String> body, @HeaderParam(ActingParty.ACTOR_HEADER) String actor) {
        UUID reviewId = parse(id);
        ReviewDecision decision = ReviewDecision.fromWireName(body == null ? null : body.get("decision"))
                .orElseThrow(() -> FhirProblem.invalid("decision must be \"link\" or \"not-a-match\""));
        String who = actor != null && !actor.isBlank()
                ? actor
                : identity.getPrincipal().getName();
        queue.decide(reviewId, decision, who).orElseThrow(() -> FhirProblem.notFound("no open match review " + id));
        return Map.of("reviewId", reviewId.toString(), "decision", decision.wireName());
    }

    @ServerExceptionMapper
    public Response mergeNeeded(MergeNotSupported e) {
        return OperationOutcomes.response(fhir, 409, IssueType.NOTSUPPORTED, e.getMessage());
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw FhirProblem.notFound("no open match review " + id);
        }
    }
}
