package io.chartstream.loader.bundle;

import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Reference;

import java.util.List;

/**
 * One entry to send, with the references inside its resource (found once: the terser walk is the
 * expensive part of preparing a large bundle). The references are the resource's own objects, so
 * rewriting one changes what is sent.
 */
public record PreparedEntry(BundleEntryComponent entry, List<Reference> references) {

    public String fullUrl() {
        return entry.getFullUrl();
    }

    public String type() {
        return entry.getResource().fhirType();
    }
}
