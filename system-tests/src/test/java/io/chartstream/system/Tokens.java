package io.chartstream.system;

import io.restassured.RestAssured;

import java.util.Base64;

/** Real tokens from the running Keycloak's chartstream realm. */
public final class Tokens {

    private static final String TOKEN_URL =
            RunningExchange.KEYCLOAK + "/realms/chartstream/protocol/openid-connect/token";

    private Tokens() {}

    /** Password grant on the public chartstream-cli client (demo password "demo"). */
    public static String user(String username) {
        return user(username, TOKEN_URL);
    }

    /** The same, from Keycloak reached under another address (e.g. {@code http://127.0.0.1:8180}). */
    public static String userVia(String username, String keycloakBase) {
        return user(username, keycloakBase + "/realms/chartstream/protocol/openid-connect/token");
    }

    private static String user(String username, String tokenUrl) {
        return RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", "chartstream-cli")
                .formParam("username", username)
                .formParam("password", "demo")
                .post(tokenUrl)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** Client credentials of an organization's system client. */
    public static String system(String orgId) {
        return RestAssured.given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", orgId + "-system")
                .formParam("client_secret", "demo-secret")
                .post(TOKEN_URL)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** The token's claims as JSON text (no signature check: the services do that). */
    public static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }
}
