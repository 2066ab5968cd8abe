package io.chartstream.exchange.gateway.infrastructure;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * The exchange's own client-credentials token (Keycloak client {@code chartstream-exchange},
 * role {@code internal-service}) for calling the internal services. Fetched on first use and
 * when it is about to expire, never at start-up: the gateway starts while Keycloak is down.
 */
@ApplicationScoped
public class ServiceToken {

    private final OidcClient client;
    private volatile Tokens tokens;

    public ServiceToken(OidcClient client) {
        this.client = client;
    }

    public String bearer() {
        Tokens current = tokens;
        if (current == null || current.isAccessTokenExpired() || current.isAccessTokenWithinRefreshInterval()) {
            current = fetch();
        }
        return "Bearer " + current.getAccessToken();
    }

    /** Forgets the token, for example after an owner refused it. */
    public void invalidate() {
        tokens = null;
    }

    private synchronized Tokens fetch() {
        Tokens current = tokens;
        if (current != null && !current.isAccessTokenExpired() && !current.isAccessTokenWithinRefreshInterval()) {
            return current;
        }
        try {
            current = client.getTokens().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            throw new OwnerUnavailable(
                    "the identity provider did not issue the exchange's service token: " + e.getMessage(), e);
        }
        tokens = current;
        return current;
    }
}
