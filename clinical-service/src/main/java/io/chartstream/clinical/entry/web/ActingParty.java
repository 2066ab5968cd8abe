package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.entry.domain.Provenance;
import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.fhir.FhirProblem;

import java.util.UUID;

/**
 * Who acts, as the exchange gateway tells it in headers. The headers are trusted only because
 * every endpoint that reads them requires the caller to hold {@code internal-service}.
 */
record ActingParty(String organization, String actor, String correlationId) {

    static final String ORGANIZATION = "X-ChartStream-Organization";
    static final String ACTOR = "X-ChartStream-Actor";
    static final String CORRELATION = "X-Correlation-Id";

    static ActingParty of(String organization, String actor, String correlationId) {
        if (organization == null || organization.isBlank()) {
            throw FhirProblem.invalid("the header " + ORGANIZATION + " must name the acting organization");
        }
        return new ActingParty(organization.strip(), blankToNull(actor),
                correlationId == null || correlationId.isBlank() ? UUID.randomUUID().toString() : correlationId.strip());
    }

    Provenance provenance() {
        return new Provenance(organization, actor);
    }

    EventMetadata metadata() {
        return new EventMetadata(correlationId, null, actor, organization);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
