package io.chartstream.fhir;

import io.chartstream.eventsourcing.store.EventMetadata;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Who is calling: the organization a request acts for, the user or system client acting, and the
 * correlation id that ties the resulting events together. The gateway reads it from the caller's
 * token and passes it to the owning services in headers, which they trust only from a caller
 * holding {@code internal-service}.
 */
public record ActingParty(String organization, String actor, String correlationId) {

    public static final String ORGANIZATION_HEADER = "X-ChartStream-Organization";
    public static final String ACTOR_HEADER = "X-ChartStream-Actor";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    /**
     * The id the gateway asks the owner to give a created entry (a UUID derived from the caller's
     * organization, its Idempotency-Key and the request), so that the same request sent twice (a
     * retry after a lost answer, or after the gateway lost its own record of the key) is one entry.
     */
    public static final String REQUESTED_ID_HEADER = "X-ChartStream-Requested-Id";
    /**
     * The identifier systems (assigning authorities) the directory binds to the acting
     * organization, comma-separated; the gateway sets it on forwarded registrations. Only
     * identifiers of these systems link a registration to a person.
     */
    public static final String ASSIGNING_AUTHORITIES_HEADER = "X-ChartStream-Assigning-Authorities";

    /** Clinicians and organization systems act for the organization of the token's {@code org_id}; a token without one may not. */
    public static ActingParty fromToken(JsonWebToken token, String correlationId) {
        String org = token.getClaim("org_id");
        if (org == null || org.isBlank()) {
            throw FhirProblem.forbidden("the token carries no org_id claim: the gateway acts only for an organization");
        }
        String username = token.getClaim("preferred_username");
        return new ActingParty(org, username != null ? username : token.getName(), correlationOrNew(correlationId));
    }

    /** The party the gateway forwarded in headers; the organization is required. */
    public static ActingParty fromGatewayHeaders(String organization, String actor, String correlationId) {
        if (organization == null || organization.isBlank()) {
            throw FhirProblem.invalid("the header " + ORGANIZATION_HEADER + " must name the acting organization");
        }
        return new ActingParty(organization.strip(), blankToNull(actor), correlationOrNew(correlationId));
    }

    public EventMetadata metadata() {
        return new EventMetadata(correlationId, null, actor, organization);
    }

    private static String correlationOrNew(String correlationId) {
        return correlationId == null || correlationId.isBlank()
                ? UUID.randomUUID().toString()
                : correlationId.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
