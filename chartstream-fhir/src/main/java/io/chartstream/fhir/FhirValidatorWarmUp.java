package io.chartstream.fhir;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.hl7.fhir.r4.model.Observation;
import org.jboss.logging.Logger;

/**
 * HAPI's validator loads the FHIR R4 structure definitions on its first use, which takes
 * seconds on a quiet machine and over a minute on a busy one. It is loaded in the background at
 * start-up, and the service reports itself not ready until it is, so no write (and no gateway
 * request) waits behind it. Services that validate resources switch it on with the build
 * property {@code chartstream.fhir.validator.warm-up=true}.
 */
@IfBuildProperty(name = "chartstream.fhir.validator.warm-up", stringValue = "true")
@Readiness
@ApplicationScoped
public class FhirValidatorWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(FhirValidatorWarmUp.class);
    public static final String CHECK = "FHIR validator";

    private final FhirValidation validation;
    private volatile boolean ready;

    public FhirValidatorWarmUp(FhirValidation validation) {
        this.validation = validation;
    }

    void onStart(@Observes StartupEvent start) {
        Thread warmUp = new Thread(this::warmUp, "fhir-validator-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private void warmUp() {
        long t0 = System.nanoTime();
        try {
            validation.errors(new Observation());
            LOG.infof("FHIR validator ready in %d ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf("FHIR validator warm-up failed (the first write will load it): %s", e.toString());
        }
        ready = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(CHECK)
                .status(ready)
                .withData("state", ready ? "loaded" : "loading FHIR R4 structure definitions")
                .build();
    }
}
