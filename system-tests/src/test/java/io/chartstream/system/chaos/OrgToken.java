package io.chartstream.system.chaos;

import io.chartstream.system.Tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An organization system's token, fetched again shortly before it expires. While Keycloak is down
 * the token already held is kept: a real client keeps its token too, and the gateway checks it
 * against the keys it cached.
 */
final class OrgToken {

    private static final Pattern EXP = Pattern.compile("\"exp\":(\\d+)");
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private final String organization;
    private String token;
    private Instant expiresAt = Instant.EPOCH;

    OrgToken(String organization) {
        this.organization = organization;
    }

    /** The token held, or a fresh one when it is about to expire (the held one when Keycloak does not answer). */
    synchronized String get() {
        if (Instant.now().isAfter(expiresAt.minus(RENEW_BEFORE))) {
            renew();
        }
        return token;
    }

    /** After a 401: ask again, keeping the held token when Keycloak does not answer. */
    synchronized void renew() {
        try {
            token = Tokens.system(organization);
            Matcher exp = EXP.matcher(Tokens.claims(token));
            expiresAt = exp.find()
                    ? Instant.ofEpochSecond(Long.parseLong(exp.group(1)))
                    : Instant.now().plus(Duration.ofMinutes(5));
        } catch (RuntimeException | AssertionError keycloakDown) {
            if (token == null) {
                throw new IllegalStateException(
                        "no token for " + organization + " and Keycloak does not answer", keycloakDown);
            }
        }
    }
}
