package io.chartstream.patient.registration;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.FhirValidation;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.hl7.fhir.r4.model.Patient;

/**
 * The instance validator loads the R4 base profiles on its first use, which takes seconds:
 * do it at start-up so the first registration does not pay for it. (chartstream-fhir warms the
 * FhirContext itself.)
 */
@Singleton
public class ValidatorWarmUp {

    void warmUp(@Observes StartupEvent start, FhirContext fhir, FhirValidation validation) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:warm-up").setValue("0");
        validation.errors(patient);
    }
}
