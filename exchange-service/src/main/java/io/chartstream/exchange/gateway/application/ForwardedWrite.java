package io.chartstream.exchange.gateway.application;

import io.chartstream.fhir.ActingParty;

/**
 * A write the gateway passes to the service that owns the resource type. {@code
 * assigningAuthorities}: for a Patient, the identifier systems the directory binds to the caller's
 * organization (comma-separated), which alone may link the registration to a person. {@code
 * requestedId}: for a create under an Idempotency-Key, the id the owner gives the new entry, so
 * that the same request forwarded twice is one entry (null: the owner chooses). A {@code PUT}
 * without {@code id} is a conditional update of a Patient: {@code ifNoneExist} holds its criterion
 * ({@code identifier=system|value}).
 */
public record ForwardedWrite(
        String method,
        String resourceType,
        String id,
        String body,
        String ifMatch,
        String ifNoneExist,
        ActingParty caller,
        String assigningAuthorities,
        String requestedId) {

    public ForwardedWrite withRequestedId(String requestedId) {
        return new ForwardedWrite(
                method, resourceType, id, body, ifMatch, ifNoneExist, caller, assigningAuthorities, requestedId);
    }

    public String path() {
        return id == null ? "/fhir/" + resourceType : "/fhir/" + resourceType + "/" + id;
    }

    /** A DELETE: a clinical entry withdrawn as entered in error (no body). */
    public boolean isDelete() {
        return "DELETE".equals(method);
    }

    /** A PUT by criterion: a registration revised, or made when no person has the identifier. */
    public boolean isConditionalUpdate() {
        return "PUT".equals(method) && id == null;
    }

    /** A conditional update's {@code system|value}. */
    public String criterion() {
        return ifNoneExist.startsWith("identifier=") ? ifNoneExist.substring("identifier=".length()) : ifNoneExist;
    }

    public boolean isPatient() {
        return "Patient".equals(resourceType);
    }
}
