package io.chartstream.portal.identity.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Whose record a request may see. The person id comes from the verified token's
 * {@code person_id} claim and from nowhere else: no path, query or header can name another
 * person. (In the browser's code flow the principal is the ID token, for a bearer call the
 * access token; the realm maps {@code person_id} into both.)
 */
@RequestScoped
public class SignedInPatient {

    private final SecurityIdentity identity;

    public SignedInPatient(SecurityIdentity identity) {
        this.identity = identity;
    }

    public UUID personId() {
        Object claim = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim(PersonIds.CLAIM) : null;
        return PersonIds.fromClaim(claim)
                .orElseThrow(() -> new NotAPatientException(
                        "your account is not linked to a health record (the sign-in carries no valid person_id)"));
    }

    public String userName() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
}
