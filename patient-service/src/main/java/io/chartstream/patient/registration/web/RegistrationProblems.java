package io.chartstream.patient.registration.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.OperationOutcomes;
import io.chartstream.patient.registration.application.ConcurrentRegistration;
import io.chartstream.patient.registration.domain.ConflictingIdentifiers;
import io.chartstream.patient.registration.domain.NotTheRegistrant;
import io.chartstream.patient.registration.domain.RegistrationRejected;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The MPI's refusals as OperationOutcomes: the submitter can act on each. */
public class RegistrationProblems {

    private final FhirContext fhir;

    public RegistrationProblems(FhirContext fhir) {
        this.fhir = fhir;
    }

    @ServerExceptionMapper
    public Response rejected(RegistrationRejected e) {
        return OperationOutcomes.response(fhir, 422, IssueType.REQUIRED, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflicting(ConflictingIdentifiers e) {
        return OperationOutcomes.response(fhir, 409, IssueType.DUPLICATE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notTheRegistrant(NotTheRegistrant e) {
        return OperationOutcomes.response(fhir, 403, IssueType.FORBIDDEN, e.getMessage());
    }

    @ServerExceptionMapper
    public Response raced(ConcurrentRegistration e) {
        return OperationOutcomes.response(
                fhir, 409, IssueType.CONFLICT, "a concurrent registration of the same patient kept winning; try again");
    }
}
