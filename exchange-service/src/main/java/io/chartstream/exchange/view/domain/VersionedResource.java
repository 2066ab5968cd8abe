package io.chartstream.exchange.view.domain;

/**
 * One resource of a person's record in one version: what a view holds and a feed carries. The
 * FHIR JSON is opaque to the view rules; they decide on type, id and version alone.
 */
public record VersionedResource(String resourceType, String id, long version, String json) {

    public boolean isPatient() {
        return "Patient".equals(resourceType);
    }
}
