package io.chartstream.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.util.List;

/** OperationOutcome responses, encoded by HAPI FHIR. */
public final class OperationOutcomes {

    private OperationOutcomes() {}

    public static OperationOutcome of(IssueSeverity severity, IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(severity).setCode(type).setDiagnostics(diagnostics);
        return outcome;
    }

    public static OperationOutcome errors(IssueType type, List<String> messages) {
        OperationOutcome outcome = new OperationOutcome();
        messages.forEach(m -> outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(m));
        return outcome;
    }

    public static Response response(FhirContext fhir, int status, OperationOutcome outcome) {
        return Response.status(status)
                .type(FhirMediaTypes.FHIR_JSON_UTF8)
                .entity(fhir.newJsonParser().encodeResourceToString(outcome))
                .build();
    }

    public static Response response(FhirContext fhir, int status, IssueType type, String diagnostics) {
        return response(fhir, status, of(IssueSeverity.ERROR, type, diagnostics));
    }
}
