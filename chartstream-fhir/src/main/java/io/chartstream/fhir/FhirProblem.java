package io.chartstream.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A refusal a FHIR client can act on: an HTTP status, an OperationOutcome issue code and a
 * sentence that says what was wrong. Thrown anywhere at the edge; {@link FhirExceptionMapper}
 * writes it as an OperationOutcome.
 */
public class FhirProblem extends RuntimeException {

    private final int status;
    private final IssueType issueType;

    public FhirProblem(int status, IssueType issueType, String diagnostics) {
        super(diagnostics);
        this.status = status;
        this.issueType = issueType;
    }

    public static FhirProblem invalid(String diagnostics) {
        return new FhirProblem(400, IssueType.INVALID, diagnostics);
    }

    public static FhirProblem unprocessable(String diagnostics) {
        return new FhirProblem(422, IssueType.PROCESSING, diagnostics);
    }

    /** 503: this instance cannot serve the request now (the caller retries after Retry-After). */
    public static FhirProblem unavailable(String diagnostics) {
        return new FhirProblem(503, IssueType.TRANSIENT, diagnostics);
    }

    public static FhirProblem notFound(String diagnostics) {
        return new FhirProblem(404, IssueType.NOTFOUND, diagnostics);
    }

    /** 410: the resource existed and was deleted (a clinical entry entered in error). */
    public static FhirProblem gone(String diagnostics) {
        return new FhirProblem(410, IssueType.DELETED, diagnostics);
    }

    public static FhirProblem forbidden(String diagnostics) {
        return new FhirProblem(403, IssueType.FORBIDDEN, diagnostics);
    }

    public static FhirProblem conflict(String diagnostics) {
        return new FhirProblem(409, IssueType.CONFLICT, diagnostics);
    }

    public static FhirProblem preconditionFailed(String diagnostics) {
        return new FhirProblem(412, IssueType.CONFLICT, diagnostics);
    }

    public int status() {
        return status;
    }

    public IssueType issueType() {
        return issueType;
    }
}
