package io.chartstream.exchange.gateway;

import io.chartstream.exchange.identity.Caller;

/** A write the gateway passes to the service that owns the resource type. */
public record ForwardedWrite(String method, String resourceType, String id, String body,
                             String ifMatch, String ifNoneExist, Caller caller) {

    public String path() {
        return id == null ? "/fhir/" + resourceType : "/fhir/" + resourceType + "/" + id;
    }

    public boolean isPatient() {
        return "Patient".equals(resourceType);
    }
}
