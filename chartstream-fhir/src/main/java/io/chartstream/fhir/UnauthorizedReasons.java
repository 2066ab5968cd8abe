package io.chartstream.fhir;

import io.quarkus.security.AuthenticationFailedException;

import java.util.Locale;

/**
 * Why a token was refused, in words a client developer can act on: no token, expired, another
 * audience, another issuer (a token fetched from Keycloak under another address), a bad
 * signature, a required claim missing. The token's own content is never echoed.
 */
final class UnauthorizedReasons {

    private UnauthorizedReasons() {}

    static String of(RuntimeException e) {
        if (!(e instanceof AuthenticationFailedException)) {
            return "no bearer token was sent (Authorization: Bearer <access token>)";
        }
        String detail = details(e).toLowerCase(Locale.ROOT);
        if (detail.contains("expired") || detail.contains("expiration")) {
            return "the token has expired; fetch a new one";
        }
        if (detail.contains("audience") || detail.contains("(aud)")) {
            return "the token is not meant for this service (its audience, aud, does not name it)";
        }
        if (detail.contains("issuer") || detail.contains("(iss)")) {
            return "the token was issued by another issuer (iss); fetch it from this exchange's Keycloak realm"
                    + " under its configured address";
        }
        if (detail.contains("azp") || detail.contains("claim")) {
            return "the token lacks a claim this service requires (only the gateway's own token reaches it)";
        }
        if (detail.contains("signature") || detail.contains("verif") || detail.contains("key")) {
            return "the token's signature cannot be verified with this realm's keys";
        }
        return "the token was refused";
    }

    private static String details(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                all.append(t.getMessage()).append(' ');
            }
        }
        return all.toString();
    }
}
