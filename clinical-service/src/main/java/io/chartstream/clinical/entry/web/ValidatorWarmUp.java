package io.chartstream.clinical.entry.web;

import io.chartstream.fhir.FhirValidation;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hl7.fhir.r4.model.Observation;
import org.jboss.logging.Logger;

/**
 * HAPI's validator loads the FHIR R4 structure definitions on its first use, which takes
 * seconds to tens of seconds. Doing that in the background at start-up keeps it off the first
 * clinical write.
 */
@ApplicationScoped
class ValidatorWarmUp {

    private static final Logger LOG = Logger.getLogger(ValidatorWarmUp.class);

    private final FhirValidation validation;

    ValidatorWarmUp(FhirValidation validation) {
        this.validation = validation;
    }

    void onStart(@Observes StartupEvent start) {
        Thread warmUp = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                validation.errors(new Observation());
                LOG.infof("FHIR validator ready in %d ms", (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warnf("FHIR validator warm-up failed (the first write will load it): %s", e.toString());
            }
        }, "fhir-validator-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
