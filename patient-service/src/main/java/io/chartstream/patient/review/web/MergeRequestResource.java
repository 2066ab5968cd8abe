package io.chartstream.patient.review.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.StreamConflictException;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.OperationOutcomes;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.MergeDeclined;
import io.chartstream.patient.registration.web.AssigningAuthorities;
import io.chartstream.patient.review.application.MergeRequest;
import io.chartstream.patient.review.application.MergeRequestRefused;
import io.chartstream.patient.review.application.RequestedMerges;
import io.chartstream.patient.review.application.RequestedMerges.Outcome;
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
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An organization's request that two of its patients' persons be merged (the gateway's HL7
 * ADT^A40), for the review queue: an administrator decides it like a possible match. Internal:
 * only {@code internal-service} tokens, the organization and its systems in the gateway's headers.
 */
@Path("/merge-requests")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MergeRequestResource {

    private static final String POSITION = "X-ChartStream-Position";

    /** The request body: two identifiers of the organization and the message that asked. */
    public record Body(IdentifierBody survivorIdentifier, IdentifierBody mergedIdentifier, String messageControlId) {}

    public record IdentifierBody(String system, String value) {}

    private final RequestedMerges requests;
    private final SecurityIdentity identity;
    private final FhirContext fhir;
    private final String source;

    public MergeRequestResource(
            RequestedMerges requests,
            SecurityIdentity identity,
            FhirContext fhir,
            @ConfigProperty(name = "quarkus.application.name") String source) {
        this.requests = requests;
        this.identity = identity;
        this.fhir = fhir;
        this.source = source;
    }

    /**
     * 201 {@code {"outcome": "requested", "reviewId", "personId", "survivorPersonId"}} when the
     * review task was written; 200 the same with outcome {@code requested} when the pair was asked
     * already (nothing written), or {@code {"outcome": "same-person", "personId"}} when both name
     * one person.
     */
    @POST
    @RolesAllowed("internal-service")
    public Response request(
            Body body,
            @HeaderParam(ActingParty.ORGANIZATION_HEADER) String organization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId,
            @HeaderParam(ActingParty.ASSIGNING_AUTHORITIES_HEADER) String assigningAuthorities) {
        ActingParty party = ActingParty.fromGatewayHeaders(organization, actor, correlationId);
        if (body == null
                || body.messageControlId() == null
                || body.messageControlId().isBlank()) {
            throw FhirProblem.invalid("survivorIdentifier, mergedIdentifier and messageControlId are required");
        }
        MergeRequest request = new MergeRequest(
                party.organization(),
                AssigningAuthorities.parse(assigningAuthorities),
                identifier(body.survivorIdentifier(), "survivorIdentifier"),
                identifier(body.mergedIdentifier(), "mergedIdentifier"),
                body.messageControlId().strip());
        String who =
                party.actor() != null ? party.actor() : identity.getPrincipal().getName();
        Outcome outcome =
                requests.request(request, new EventMetadata(party.correlationId(), null, who, party.organization()));
        Map<String, String> answer = new LinkedHashMap<>();
        return switch (outcome) {
            case Outcome.SamePerson same -> {
                answer.put("outcome", "same-person");
                answer.put("personId", same.personId().toString());
                yield Response.ok(answer).build();
            }
            case Outcome.Requested requested -> {
                answer.put("outcome", "requested");
                answer.put("reviewId", requested.reviewId().toString());
                answer.put("personId", requested.personId().toString());
                answer.put("survivorPersonId", requested.survivorPersonId().toString());
                Response.ResponseBuilder ok =
                        Response.status(requested.position() > 0 ? 201 : 200).entity(answer);
                if (requested.position() > 0) {
                    ok.header(POSITION, source + "/" + requested.position());
                }
                yield ok.build();
            }
        };
    }

    /** 422 (not the organization's identifier) or 404 (no person), the body's field as the issue's expression. */
    @ServerExceptionMapper
    public Response refused(MergeRequestRefused e) {
        OperationOutcome outcome = OperationOutcomes.of(
                IssueSeverity.ERROR, e.unknown() ? IssueType.NOTFOUND : IssueType.VALUE, e.getMessage());
        outcome.getIssueFirstRep().addExpression(e.side().field());
        return OperationOutcomes.response(fhir, e.unknown() ? 404 : 422, outcome);
    }

    /** An administrator decided the two are different persons: 422, not to be asked again. */
    @ServerExceptionMapper
    public Response declined(MergeDeclined e) {
        return OperationOutcomes.response(fhir, 422, IssueType.BUSINESSRULE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response concurrent(StreamConflictException e) {
        return OperationOutcomes.response(
                fhir, 409, IssueType.CONFLICT, "one of the persons changed meanwhile: try again");
    }

    private static Identifier identifier(IdentifierBody body, String field) {
        if (body == null
                || body.system() == null
                || body.value() == null
                || body.system().isBlank()
                || body.value().isBlank()) {
            throw FhirProblem.invalid(field + " needs a system and a value");
        }
        return new Identifier(body.system(), body.value());
    }
}
