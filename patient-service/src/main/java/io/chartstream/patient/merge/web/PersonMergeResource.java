package io.chartstream.patient.merge.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.StreamConflictException;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.OperationOutcomes;
import io.chartstream.patient.merge.application.PersonMerges;
import io.chartstream.patient.merge.application.UnknownPerson;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Merge and unmerge of persons, for the exchange gateway's hie-admin endpoints (decisions §21).
 * Internal: only {@code internal-service} tokens; the administrator is {@code X-ChartStream-Actor}.
 */
@Path("/person-merges")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PersonMergeResource {

    private static final String POSITION = "X-ChartStream-Position";

    private final PersonMerges merges;
    private final SecurityIdentity identity;
    private final FhirContext fhir;
    private final String source;

    public PersonMergeResource(
            PersonMerges merges,
            SecurityIdentity identity,
            FhirContext fhir,
            @ConfigProperty(name = "quarkus.application.name") String source) {
        this.merges = merges;
        this.identity = identity;
        this.fhir = fhir;
        this.source = source;
    }

    /** Body {@code {"survivorPersonId", "mergedPersonId", "reason"}}. */
    @POST
    @RolesAllowed("internal-service")
    public Response merge(
            Map<String, String> body,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId) {
        UUID survivor = person(body, "survivorPersonId");
        UUID merged = person(body, "mergedPersonId");
        return answer(merges.merge(survivor, merged, reason(body), metadata(actor, correlationId)));
    }

    /** Body {@code {"mergedPersonId", "reason"}}: the merged person is separated from its survivor again. */
    @POST
    @Path("unmerge")
    @RolesAllowed("internal-service")
    public Response unmerge(
            Map<String, String> body,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId) {
        UUID merged = person(body, "mergedPersonId");
        return answer(merges.unmerge(merged, reason(body), metadata(actor, correlationId)));
    }

    @ServerExceptionMapper
    public Response unknown(UnknownPerson e) {
        return OperationOutcomes.response(fhir, 404, IssueType.NOTFOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response concurrent(StreamConflictException e) {
        return OperationOutcomes.response(
                fhir, 409, IssueType.CONFLICT, "one of the persons changed meanwhile: try again");
    }

    private Response answer(PersonMerges.Outcome outcome) {
        Map<String, String> answer = Map.of(
                "mergeId", outcome.mergeId().toString(),
                "survivorPersonId", outcome.survivorPersonId().toString(),
                "mergedPersonId", outcome.mergedPersonId().toString());
        Response.ResponseBuilder ok = Response.ok(answer);
        if (outcome.position() > 0) {
            ok.header(POSITION, source + "/" + outcome.position());
        }
        return ok.build();
    }

    /** An administrator acts for the exchange, not for an organization. */
    private EventMetadata metadata(String actor, String correlationId) {
        String who = actor != null && !actor.isBlank()
                ? actor
                : identity.getPrincipal().getName();
        return new EventMetadata(correlationId, null, who, null);
    }

    private static UUID person(Map<String, String> body, String field) {
        String value = body == null ? null : body.get(field);
        try {
            return UUID.fromString(Optional.ofNullable(value).orElse(""));
        } catch (IllegalArgumentException e) {
            throw FhirProblem.invalid(field + " must be a person id (UUID)");
        }
    }

    private static String reason(Map<String, String> body) {
        String reason = body == null ? null : body.get("reason");
        if (reason == null || reason.isBlank()) {
            throw FhirProblem.invalid("reason is required: say why, it goes into both persons' events");
        }
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }
}
