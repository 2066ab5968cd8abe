package io.chartstream.portal.sharing.web;

import io.chartstream.portal.identity.web.NotAPatientException;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * The signed-in patient's access token (the code flow's, or a bearer call's), which the portal
 * passes to the exchange so the exchange applies its own "own record only" rule.
 */
@RequestScoped
public class PatientToken {

    private final SecurityIdentity identity;

    public PatientToken(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String accessToken() {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null) {
            throw new NotAPatientException("the sign-in carries no access token to act at the exchange with");
        }
        return credential.getToken();
    }
}
