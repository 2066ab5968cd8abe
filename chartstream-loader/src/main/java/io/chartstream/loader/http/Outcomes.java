package io.chartstream.loader.http;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/** The reason a refusal gives: an OperationOutcome's first issue, else the start of the body. */
public final class Outcomes {

    private static final int MAX_REASON = 300;

    private Outcomes() {}

    public static String reason(FhirContext fhir, int status, String body) {
        String detail = body == null ? "" : body.strip();
        if (detail.startsWith("{")) {
            try {
                IBaseResource resource = lenientParser(fhir).parseResource(detail);
                if (resource instanceof OperationOutcome outcome) {
                    detail = firstIssue(outcome);
                }
            } catch (DataFormatException e) {
                // not FHIR: the body as it is
            }
        }
        String reason = status == 0 ? detail : "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason;
    }

    /** A parser that reads what a server sends even with a code this model does not know. */
    public static IParser lenientParser(FhirContext fhir) {
        return fhir.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
    }

    public static String firstIssue(OperationOutcome outcome) {
        if (!outcome.hasIssue()) {
            return "";
        }
        OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
        if (issue.hasDiagnostics()) {
            return issue.getDiagnostics();
        }
        if (issue.getDetails().hasText()) {
            return issue.getDetails().getText();
        }
        return issue.getCode() == null ? "" : issue.getCode().toCode();
    }
}
