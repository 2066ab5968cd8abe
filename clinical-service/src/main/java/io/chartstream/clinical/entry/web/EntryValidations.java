package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.entry.domain.EntryType;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.OperationOutcomes;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

import java.util.List;

/**
 * A FHIR {@code batch} of {@code POST Type/$validate} entries from the gateway, each with the
 * resource to validate: nothing is written. Answered as a {@code batch-response}, each entry
 * {@code 200 OK} with its {@code $validate} OperationOutcome: an {@code error} issue per finding
 * (as a write would list them), or one {@code information} issue when it is valid. The gateway
 * asks this before the first write of a transaction that also registers, so that a bad entry
 * leaves nothing written; the verdicts are remembered ({@link ValidationVerdicts}), so the
 * write that follows does not validate the same entries again.
 */
@ApplicationScoped
public class EntryValidations {

    public static final String OPERATION = "$validate";

    /** As many as a transaction may hold at the gateway. */
    static final int MAX_ENTRIES = 5000;

    private final ValidationVerdicts verdicts;
    private final FhirEntries entries;

    public EntryValidations(ValidationVerdicts verdicts, FhirEntries entries) {
        this.verdicts = verdicts;
        this.entries = entries;
    }

    /** Whether {@code batch} asks for validations (every entry a {@code POST Type/$validate}). */
    public static boolean asksFor(Bundle batch) {
        return batch.hasEntry() && batch.getEntry().stream().allMatch(EntryValidations::isValidation);
    }

    private static boolean isValidation(BundleEntryComponent entry) {
        String url = entry.getRequest().getUrl();
        return entry.getRequest().getMethod() == HTTPVerb.POST && url != null && url.endsWith("/" + OPERATION);
    }

    public Bundle answer(Bundle batch) {
        if (batch.getEntry().size() > MAX_ENTRIES) {
            throw new FhirProblem(413, IssueType.TOOLONG, "at most " + MAX_ENTRIES + " validations in one batch");
        }
        Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        for (int i = 0; i < batch.getEntry().size(); i++) {
            BundleEntryComponent entry = batch.getEntry().get(i);
            String url = entry.getRequest().getUrl();
            String type = url.substring(0, url.length() - OPERATION.length() - 1);
            Resource resource = entry.getResource();
            if (resource == null || !type.equals(resource.fhirType())) {
                throw FhirProblem.invalid("Bundle.entry[" + i + "]: " + url + " takes a " + type + " as its resource");
            }
            if (EntryType.ofResourceType(type).isEmpty()) {
                throw FhirProblem.invalid(
                        "Bundle.entry[" + i + "]: " + type + " is not a clinical entry type of this service");
            }
            response.addEntry().getResponse().setStatus("200 OK").setOutcome(outcome(verdicts.validate(resource)));
        }
        return response;
    }

    private static OperationOutcome outcome(List<String> errors) {
        return errors.isEmpty()
                ? OperationOutcomes.of(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, "valid against base R4")
                : OperationOutcomes.errors(IssueType.INVALID, errors);
    }
}
