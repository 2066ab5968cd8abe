package io.chartstream.exchange.identity;

import io.chartstream.fhir.FhirProblem;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The organization and user a gateway call acts for, from the token's {@code org_id} and {@code preferred_username}. */
public record Caller(String organization, String actor) {

    /** Clinicians and organization systems act for their organization; a token without one may not. */
    public static Caller of(JsonWebToken token) {
        String org = token.getClaim("org_id");
        if (org == null || org.isBlank()) {
            throw FhirProblem.forbidden("the token carries no org_id claim: the gateway acts only for an organization");
        }
        String username = token.getClaim("preferred_username");
        return new Caller(org, username != null ? username : token.getName());
    }
}
