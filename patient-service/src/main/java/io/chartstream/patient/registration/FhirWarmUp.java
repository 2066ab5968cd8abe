package io.chartstream.patient.registration;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.FhirValidation;
import io.chartstream.fhir.OperationOutcomes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;

/**
 * HAPI FHIR builds its model and the validator loads the base profiles on first use, which
 * takes seconds. Doing it at start-up keeps that off the first request, and off the Vert.x
 * event loop, where the 401 OperationOutcome is encoded.
 */
@Singleton
public class FhirWarmUp {

    void warmUp(@Observes StartupEvent start, FhirContext fhir, FhirValidation validation) {
        fhir.newJsonParser().encodeResourceToString(
                OperationOutcomes.of(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueType.LOGIN, "warm-up"));
        Patient patient = fhir.newJsonParser().parseResource(Patient.class, "{\"resourceType\":\"Patient\"}");
        validation.errors(patient);
    }
}
