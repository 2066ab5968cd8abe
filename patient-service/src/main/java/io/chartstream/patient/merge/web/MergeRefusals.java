package io.chartstream.patient.merge.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.OperationOutcomes;
import io.chartstream.patient.registration.domain.MergeRefused;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A merge the MPI refuses (a person merged or changed meanwhile, a cycle, a candidate merged since
 * a review was raised) is a 409 with an OperationOutcome saying why, wherever it was asked for:
 * the merge API, a review's link, a merge request's decision.
 */
public class MergeRefusals {

    private final FhirContext fhir;

    public MergeRefusals(FhirContext fhir) {
        this.fhir = fhir;
    }

    @ServerExceptionMapper
    public Response refused(MergeRefused e) {
        return OperationOutcomes.response(fhir, 409, IssueType.CONFLICT, e.getMessage());
    }
}
