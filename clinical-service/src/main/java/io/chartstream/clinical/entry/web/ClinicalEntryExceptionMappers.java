package io.chartstream.clinical.entry.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.clinical.entry.application.UnknownPersonException;
import io.chartstream.clinical.entry.domain.EntryRejected;
import io.chartstream.fhir.OperationOutcomes;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** This service's refusals as OperationOutcomes, beside the shared ones of chartstream-fhir. */
public class ClinicalEntryExceptionMappers {

    private final FhirContext fhir;

    public ClinicalEntryExceptionMappers(FhirContext fhir) {
        this.fhir = fhir;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidResourceException e) {
        return OperationOutcomes.response(fhir, 422, OperationOutcomes.errors(IssueType.INVALID, e.issues()));
    }

    @ServerExceptionMapper
    public Response unknownPerson(UnknownPersonException e) {
        return OperationOutcomes.response(fhir, 422, IssueType.NOTFOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response rejected(EntryRejected e) {
        return switch (e.reason()) {
            case ALREADY_RECORDED -> OperationOutcomes.response(fhir, 409, IssueType.DUPLICATE, e.getMessage());
            case NOT_FOUND -> OperationOutcomes.response(fhir, 404, IssueType.NOTFOUND, e.getMessage());
            case VERSION_MISMATCH -> OperationOutcomes.response(fhir, 412, IssueType.CONFLICT, e.getMessage());
            case SUBJECT_CHANGED -> OperationOutcomes.response(fhir, 422, IssueType.BUSINESSRULE, e.getMessage());
            case NOT_RECORDING_ORGANIZATION ->
                OperationOutcomes.response(fhir, 403, IssueType.FORBIDDEN, e.getMessage());
            case ENTERED_IN_ERROR -> OperationOutcomes.response(fhir, 410, IssueType.DELETED, e.getMessage());
        };
    }
}
