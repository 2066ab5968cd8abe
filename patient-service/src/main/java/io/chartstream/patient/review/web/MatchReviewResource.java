package io.chartstream.patient.review.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.OperationOutcomes;
import io.chartstream.patient.registration.domain.ReviewDecision;
import io.chartstream.patient.registration.domain.ReviewNotOpen;
import io.chartstream.patient.review.application.ReviewDecisions;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
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

    private static final String POSITION = "X-ChartStream-Position";

    private final ReviewQueue queue;
    private final ReviewDecisions decisions;
    private final SecurityIdentity identity;
    private final FhirContext fhir;
    private final String source;

    public MatchReviewResource(
            ReviewQueue queue,
            ReviewDecisions decisions,
            SecurityIdentity identity,
            FhirContext fhir,
            @ConfigProperty(name = "quarkus.application.name") String source) {
        this.source = source;
        this.queue = queue;
        this.decisions = decisions;
        this.identity = identity;
        this.fhir = fhir;
    }

    @GET
    @RolesAllowed("internal-service")
    public List<ReviewQueue.OpenReview> open(@QueryParam("count") Integer count) {
        return queue.open(count == null ? 50 : Math.max(1, Math.min(count, 500)));
    }

    /**
     * Body {@code {"decision": "not-a-match" | "link"}}, for a link optionally {@code "survivorPersonId"}:
     * a link merges the review's person into the candidate and its answer also names the merge
     * ({@code mergeId}, {@code survivorPersonId}); a candidate merged since is linked to only when
     * {@code survivorPersonId} confirms its survivor, else 409.
     */
    @POST
    @Path("{id}/decision")
    @RolesAllowed("internal-service")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(
            @PathParam("id") String id,
            Map<String, String> body,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId) {
        UUID reviewId = parse(id);
        ReviewDecision decision = ReviewDecision.fromWireName(body == null ? null : body.get("decision"))
                .orElseThrow(() -> FhirProblem.invalid("decision must be \"link\" or \"not-a-match\""));
        String who = actor != null && !actor.isBlank()
                ? actor
                : identity.getPrincipal().getName();
        // an administrator acts for the exchange, not for an organization
        ReviewDecisions.Decided decided = decisions.decide(
                reviewId, decision, confirmedSurvivor(body), new EventMetadata(correlationId, null, who, null));
        // both persons, so the gateway's audit record names whom the decision was about
        Map<String, String> answer = new LinkedHashMap<>(Map.of(
                "reviewId", reviewId.toString(),
                "decision", decision.wireName(),
                "personId", decided.event().personId().toString(),
                "candidatePersonId", decided.event().candidatePersonId().toString()));
        if (decided.merge() != null) {
            answer.put("mergeId", decided.merge().mergeId().toString());
            answer.put("survivorPersonId", decided.merge().survivorPersonId().toString());
        }
        return Response.ok(answer)
                .header(POSITION, source + "/" + decided.position())
                .build();
    }

    @ServerExceptionMapper
    public Response notOpen(ReviewNotOpen e) {
        return OperationOutcomes.response(fhir, 404, IssueType.NOTFOUND, e.getMessage());
    }

    /** The survivor a reviewer confirms when the candidate was merged since the review was raised. */
    private static UUID confirmedSurvivor(Map<String, String> body) {
        String value = body.get("survivorPersonId");
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw FhirProblem.invalid("survivorPersonId must be a person id (UUID)");
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw FhirProblem.notFound("no open match review " + id);
        }
    }
}
