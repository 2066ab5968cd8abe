package io.chartstream.system.bench.mpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * What an HIE operator does to let a new organization in: its entry in the exchange's directory
 * (facility and identifier system, {@code POST /admin/organizations} as {@code hie-admin}) and its
 * system client in the realm (client credentials, role {@code org-system}, an {@code org_id} claim
 * and the gateway's audience, shaped as the realm file's demo clients), through Keycloak's admin
 * API as the launcher's demo loader does. Both are idempotent: what exists is kept.
 */
final class ExchangeDirectory {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String gateway;
    private final String keycloak;
    private final String adminUser;
    private final String adminPassword;

    ExchangeDirectory(String gateway, String keycloak, String adminUser, String adminPassword) {
        this.gateway = gateway;
        this.keycloak = keycloak;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** An access token of the realm's demo user {@code username} (password grant on the CLI client). */
    String userToken(String username, String password) throws Exception {
        return token(
                keycloak + "/realms/chartstream/protocol/openid-connect/token",
                "grant_type=password&client_id=chartstream-cli&username=" + form(username) + "&password="
                        + form(password));
    }

    /** The organization's system token (client credentials of {@code <id>-system}). */
    String systemToken(String orgId, String secret) throws Exception {
        return token(
                keycloak + "/realms/chartstream/protocol/openid-connect/token",
                "grant_type=client_credentials&client_id=" + form(orgId + "-system") + "&client_secret="
                        + form(secret));
    }

    /** Registers the organization; true when it is new, false when the directory had it already (HTTP 409). */
    boolean register(String adminToken, Hl7MpiInput.Organization org) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", org.id());
        body.put("name", org.name());
        body.putArray("facilities").add(org.code());
        body.putArray("identifierSystems").add("urn:oid:" + org.oid());
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(gateway + "/admin/organizations"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (r.statusCode() == 409) {
            return false;
        }
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("registering " + org.id() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return true;
    }

    /** Makes sure the organization's system client exists; answers its secret. */
    String systemClient(String orgId) throws Exception {
        String admin = token(
                keycloak + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=" + form(adminUser) + "&password="
                        + form(adminPassword));
        String realm = keycloak + "/admin/realms/chartstream";
        String clientId = orgId + "-system";
        JsonNode found = JSON.readTree(get(admin, realm + "/clients?clientId=" + form(clientId)));
        if (found.isEmpty()) {
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(realm + "/clients"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            client(clientId, orgId, UUID.randomUUID().toString())
                                    .toString())));
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Keycloak refused client " + clientId + ": HTTP " + created.statusCode()
                        + " " + created.body());
            }
            found = JSON.readTree(get(admin, realm + "/clients?clientId=" + form(clientId)));
            String internalId = found.get(0).get("id").asText();
            String user = JSON.readTree(get(admin, realm + "/clients/" + internalId + "/service-account-user"))
                    .get("id")
                    .asText();
            String role = get(admin, realm + "/roles/org-system");
            HttpResponse<String> mapped =
                    send(HttpRequest.newBuilder(URI.create(realm + "/users/" + user + "/role-mappings/realm"))
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("[" + role + "]")));
            if (mapped.statusCode() / 100 != 2) {
                throw new IllegalStateException("Keycloak refused role org-system for " + clientId + ": HTTP "
                        + mapped.statusCode() + " " + mapped.body());
            }
        }
        String internalId = found.get(0).get("id").asText();
        return JSON.readTree(get(admin, realm + "/clients/" + internalId + "/client-secret"))
                .get("value")
                .asText();
    }

    /** A confidential client with a service account, as the realm file's demo organization systems. */
    private static ObjectNode client(String clientId, String orgId, String secret) {
        ObjectNode c = JSON.createObjectNode();
        c.put("clientId", clientId);
        c.put("name", orgId + " system (client credentials)");
        c.put("enabled", true);
        c.put("protocol", "openid-connect");
        c.put("publicClient", false);
        c.put("clientAuthenticatorType", "client-secret");
        c.put("secret", secret);
        c.put("standardFlowEnabled", false);
        c.put("directAccessGrantsEnabled", false);
        c.put("serviceAccountsEnabled", true);
        c.putObject("attributes").put("client.use.lightweight.access.token.enabled", "false");
        var mappers = c.putArray("protocolMappers");
        ObjectNode org = mappers.addObject();
        org.put("name", "org_id");
        org.put("protocol", "openid-connect");
        org.put("protocolMapper", "oidc-hardcoded-claim-mapper");
        org.putObject("config")
                .put("claim.name", "org_id")
                .put("claim.value", orgId)
                .put("jsonType.label", "String")
                .put("access.token.claim", "true")
                .put("id.token.claim", "true")
                .put("introspection.token.claim", "true");
        ObjectNode audience = mappers.addObject();
        audience.put("name", "audience chartstream-gateway");
        audience.put("protocol", "openid-connect");
        audience.put("protocolMapper", "oidc-audience-mapper");
        audience.putObject("config")
                .put("included.client.audience", "chartstream-gateway")
                .put("access.token.claim", "true")
                .put("id.token.claim", "false")
                .put("introspection.token.claim", "true");
        return c;
    }

    String get(String token, String url) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(String url, String form) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        JsonNode answer = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !answer.hasNonNull("access_token")) {
            throw new IllegalStateException("no token from " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return answer.get("access_token").asText();
    }

    static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
