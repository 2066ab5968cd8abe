package io.chartstream.exchange.directory.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.directory.application.InvalidDirectoryResource;
import io.chartstream.fhir.OperationOutcomes;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An invalid directory resource: 422 with one OperationOutcome issue per finding (the shared mapper would join them). */
public class DirectoryExceptionMappers {

    private final FhirContext fhir;

    public DirectoryExceptionMappers(FhirContext fhir) {
        this.fhir = fhir;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidDirectoryResource e) {
        return OperationOutcomes.response(fhir, 422, OperationOutcomes.errors(IssueType.INVALID, e.issues()));
    }
}
