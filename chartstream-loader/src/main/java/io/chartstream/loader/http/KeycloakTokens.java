package io.chartstream.loader.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A client-credentials token from Keycloak's realm {@code chartstream}, fetched again before it
 * expires (when less than a third of its lifetime, at most 60 s, is left) or after a 401.
 */
public final class KeycloakTokens implements Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final String client;
    private final String secret;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public KeycloakTokens(HttpClient http, URI keycloak, String realm, String client, String secret, Clock clock) {
        this.http = http;
        this.tokenEndpoint = URI.create(
                keycloak.toString().replaceAll("/+$", "") + "/realms/" + realm + "/protocol/openid-connect/token");
        this.client = client;
        this.secret = secret;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<String> bearer() throws IOException, InterruptedException {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return Optional.of(token);
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + encode(client) + "&client_secret=" + encode(secret);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        if (body == null || !body.hasNonNull("access_token")) {
            throw new IOException("no token for client " + client + " from " + tokenEndpoint + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
        token = body.get("access_token").asText();
        long lifetime = body.path("expires_in").asLong(60);
        renewAt = clock.instant().plusSeconds(lifetime - Math.min(60, lifetime / 3));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
