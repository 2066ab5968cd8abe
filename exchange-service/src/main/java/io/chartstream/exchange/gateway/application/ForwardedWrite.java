package io.chartstream.exchange.gateway.application;

import io.chartstream.fhir.ActingParty;

/**
 * A write the gateway passes to the service that owns the resource type. {@code
 * assigningAuthorities}: for a Patient, the identifier systems the directory binds to the caller's
 * organization (comma-separated), which alone may link the registration to a person.
 */
public record ForwardedWrite(
        String method,
        String resourceType,
        String id,
        String body,
        String ifMatch,
        String ifNoneExist,
        ActingParty caller,
        String assigningAuthorities) {

    public String path() {
        return id == null ? "/fhir/" + resourceType : "/fhir/" + resourceType + "/" + id;
    }

    public boolean isPatient() {
        return "Patient".equals(resourceType);
    }
}
