package io.chartstream.exchange.relationship.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.access.domain.AccessRejected;
import io.chartstream.fhir.OperationOutcomes;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused access command: 422 when incomplete, 403 when the patient's choices forbid it; an OperationOutcome. */
public class AccessRejectedMapper {

    private final FhirContext fhir;

    public AccessRejectedMapper(FhirContext fhir) {
        this.fhir = fhir;
    }

    @ServerExceptionMapper
    public Response rejected(AccessRejected e) {
        return switch (e.reason()) {
            case INVALID -> OperationOutcomes.response(fhir, 422, IssueType.REQUIRED, e.getMessage());
            case FORBIDDEN -> OperationOutcomes.response(fhir, 403, IssueType.FORBIDDEN, e.getMessage());
        };
    }
}
