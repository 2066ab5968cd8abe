package io.chartstream.testsupport;

import io.smallrye.jwt.build.Jwt;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tokens for service tests, shaped like the chartstream realm's tokens (realm roles under
 * {@code realm_access.roles}, {@code org_id} or {@code person_id}), signed with a key made
 * once per test JVM. The services verify the signature for real against its public key.
 */
public final class TestTokens {

    public static final String ISSUER = "https://test.chartstream.invalid/realms/chartstream";

    private static final KeyPair KEYS = newKeyPair();

    private TestTokens() {}

    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public static String clinician(String username, String orgId) {
        return token(username, List.of("clinician"), Map.of("org_id", orgId));
    }

    public static String orgSystem(String orgId) {
        return token("service-account-" + orgId + "-system", List.of("org-system"), Map.of("org_id", orgId));
    }

    public static String patient(String username, String personId) {
        return token(username, List.of("patient"), Map.of("person_id", personId));
    }

    public static String withRoles(String username, String... roles) {
        return token(username, List.of(roles), Map.of());
    }

    /** The audience every client of the realm adds for the gateway. */
    public static final String GATEWAY_AUDIENCE = "chartstream-gateway";
    /** The audience the portal's own client and the CLI client add: the portal API accepts no other. */
    public static final String PORTAL_AUDIENCE = "chartstream-portal";
    /** The gateway's own client: the only one whose tokens the services behind it accept. */
    public static final String GATEWAY_CLIENT = "chartstream-exchange";

    /**
     * A token as Keycloak issues it: authorized party the gateway's own client for an internal-service
     * token (audience the gateway), the CLI client otherwise (audiences the gateway and the portal);
     * {@code claims} may override both ({@code aud} then names the only audience).
     */
    public static String token(String username, List<String> roles, Map<String, String> claims) {
        boolean internal = roles.contains("internal-service");
        var builder = Jwt.issuer(ISSUER)
                .subject(username + "-id")
                .audience(internal ? Set.of(GATEWAY_AUDIENCE) : Set.of(GATEWAY_AUDIENCE, PORTAL_AUDIENCE))
                .claim("azp", internal ? GATEWAY_CLIENT : "chartstream-cli")
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", roles))
                .expiresIn(3600);
        claims.forEach((name, value) -> {
            if (name.equals("aud")) {
                builder.audience(value);
            } else if (name.equals("iss")) {
                builder.issuer(value);
            } else {
                builder.claim(name, value);
            }
        });
        return builder.jws().keyId("test").sign(KEYS.getPrivate());
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
