package io.chartstream.exchange.fhirapi.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.OperationOutcomes;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Writes {@link RetryLater} as 503 + Retry-After + OperationOutcome (issue type transient). */
public class RetryLaterMapper {

    private static final Logger LOG = Logger.getLogger(RetryLaterMapper.class);

    private final FhirContext fhir;

    public RetryLaterMapper(FhirContext fhir) {
        this.fhir = fhir;
    }

    @ServerExceptionMapper
    public Response retryLater(RetryLater e) {
        LOG.debugf("503: %s", e.getMessage());
        return Response.fromResponse(OperationOutcomes.response(fhir, 503, IssueType.TRANSIENT, e.getMessage()))
                .header("Retry-After", Integer.toString(e.retryAfterSeconds()))
                .build();
    }
}
