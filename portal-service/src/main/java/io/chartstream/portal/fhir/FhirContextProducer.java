package io.chartstream.portal.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One FHIR R4 context for parsing the resources inside consumed events: expensive to build,
 * thread-safe to share. (The portal does not use chartstream-fhir: it serves HTML pages and a
 * non-FHIR JSON API, and that module's global mappers would turn every error into an
 * OperationOutcome.)
 */
public class FhirContextProducer {

    @Produces
    @Singleton
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }
}
