package io.chartstream.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.chartstream.eventsourcing.store.StreamConflictException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of a FHIR endpoint is an OperationOutcome with the right status, never a stack
 * trace: bad JSON is 400, a stale write 409, an unexpected failure 500 with a reference to the
 * log line (the detail stays in the log), and PostgreSQL out of reach 503 with Retry-After. A service that is not a FHIR server (the portal) uses
 * this module for its FHIR context alone and switches the mappers off with the build property
 * {@code chartstream.fhir.operation-outcome-errors=false}.
 */
@IfBuildProperty(name = "chartstream.fhir.operation-outcome-errors", stringValue = "true", enableIfMissing = true)
public class FhirExceptionMapper {

    private static final Logger LOG = Logger.getLogger(FhirExceptionMapper.class);

    private final FhirContext fhir;

    public FhirExceptionMapper(FhirContext fhir) {
        this.fhir = fhir;
    }

    @ServerExceptionMapper
    public Response problem(FhirProblem problem) {
        Response response =
                OperationOutcomes.response(fhir, problem.status(), problem.issueType(), problem.getMessage());
        return problem.status() == 503 ? retryAfter(response) : response;
    }

    private static Response retryAfter(Response response) {
        return Response.fromResponse(response)
                .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    public Response unparsable(DataFormatException e) {
        return OperationOutcomes.response(
                fhir, 400, IssueType.STRUCTURE, "the body is not valid FHIR R4 JSON: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(StreamConflictException e) {
        return OperationOutcomes.response(fhir, 409, IssueType.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return OperationOutcomes.response(fhir, 403, IssueType.FORBIDDEN, "this token may not do that");
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        String why = UnauthorizedReasons.of(e);
        LOG.debugf("401: %s", why);
        return Response.fromResponse(OperationOutcomes.response(
                        fhir, 401, IssueType.LOGIN, "a valid bearer token is required: " + why))
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        IssueType type = switch (status) {
            case 404 -> IssueType.NOTFOUND;
            case 405, 406, 415 -> IssueType.NOTSUPPORTED;
            default -> IssueType.PROCESSING;
        };
        return OperationOutcomes.response(fhir, status, type, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (DatabaseUnavailable.causedBy(e)) {
            LOG.warnf("503, the database cannot be reached: %s", e.toString());
            return retryAfter(OperationOutcomes.response(
                    fhir, 503, IssueType.TRANSIENT, "the database cannot be reached just now; try again"));
        }
        String ref = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, reference %s", ref);
        return OperationOutcomes.response(fhir, 500, IssueType.EXCEPTION, "internal error, reference " + ref);
    }
}
