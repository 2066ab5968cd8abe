package io.chartstream.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Builds HAPI's model of FHIR R4 at start-up instead of on the first request: the first parse
 * or encode scans the whole model and takes seconds, which must not happen on an I/O thread
 * (the 401 mapper runs there).
 */
public class FhirWarmup {

    void warm(@Observes StartupEvent start, FhirContext fhir) {
        String json = fhir.newJsonParser()
                .encodeResourceToString(OperationOutcomes.of(
                        OperationOutcome.IssueSeverity.INFORMATION,
                        OperationOutcome.IssueType.INFORMATIONAL,
                        "warm-up"));
        fhir.newJsonParser().parseResource(OperationOutcome.class, json);
    }
}
