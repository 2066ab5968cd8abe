package io.chartstream.exchange.directory.application;

import io.chartstream.fhir.FhirProblem;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

import java.util.List;

/**
 * A parsable resource that breaks FHIR R4: 422 with one OperationOutcome issue per parser or
 * validator finding. A {@link FhirProblem}, so a caller of {@link ProviderDirectory} that handles
 * those (a bundle processor) needs nothing more; {@link #issues()} has each finding.
 */
public class InvalidDirectoryResource extends FhirProblem {

    private final List<String> issues;

    public InvalidDirectoryResource(List<String> issues) {
        super(422, IssueType.INVALID, String.join("; ", issues));
        this.issues = List.copyOf(issues);
    }

    public List<String> issues() {
        return issues;
    }
}
