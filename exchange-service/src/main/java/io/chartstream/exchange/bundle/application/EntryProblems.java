package io.chartstream.exchange.bundle.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import io.chartstream.fhir.FhirProblem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Refusals of a Bundle's entries: every one names the entry by its index, {@code Bundle.entry[3]}. */
final class EntryProblems {

    private static final Pattern ENTRY_INDEX = Pattern.compile("Bundle\\.entry\\[(\\d+)]");

    private EntryProblems() {}

    static FhirProblem at(int index, String resourceType, FhirProblem problem) {
        if (problem.getMessage() != null && problem.getMessage().startsWith("Bundle.entry[")) {
            return problem;
        }
        return new FhirProblem(
                problem.status(),
                problem.issueType(),
                "Bundle.entry[" + index + "] (" + resourceType + "): " + problem.getMessage());
    }

    /**
     * An owner's refusal (its status and OperationOutcome) as the gateway's, the entry indexes of
     * the owner's Bundle ({@code ownerToBundle}) turned into the indexes of the caller's.
     */
    static FhirProblem fromOwner(
            FhirContext fhir, StoredResponse answer, IntUnaryOperator ownerToBundle, int index, String resourceType) {
        String diagnostics = "refused by the owner with HTTP " + answer.status();
        IssueType type = IssueType.PROCESSING;
        if (answer.body() != null && !answer.body().isBlank()) {
            try {
                OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, answer.body());
                if (outcome.hasIssue()) {
                    diagnostics = outcome.getIssueFirstRep().getDiagnostics();
                    type = outcome.getIssueFirstRep().getCode() == null
                            ? IssueType.PROCESSING
                            : outcome.getIssueFirstRep().getCode();
                }
            } catch (DataFormatException | ClassCastException notAnOutcome) {
                // keep the status line
            }
        }
        int status = answer.status() >= 500 ? 503 : answer.status();
        Matcher m = ENTRY_INDEX.matcher(diagnostics == null ? "" : diagnostics);
        if (m.find()) {
            String renumbered = "Bundle.entry[" + ownerToBundle.applyAsInt(Integer.parseInt(m.group(1))) + "]";
            return new FhirProblem(status, type, renumbered + diagnostics.substring(m.end()));
        }
        return at(index, resourceType, new FhirProblem(status, type, diagnostics));
    }
}
