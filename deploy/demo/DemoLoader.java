import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the demo through the gateway, as the organizations' systems would: alice registered at
 * riverside-clinic and at st-marys-hospital (different MRNs, one person), then the clinic's labs,
 * a condition, a medication and an allergy. Each write carries a fixed Idempotency-Key, so running
 * the loader again changes nothing. Finally links alice's portal account to her enterprise person
 * id (the person_id attribute in Keycloak), as an HIE's identity proofing step would.
 *
 * <pre>java deploy/demo/DemoLoader.java</pre> with KEYCLOAK_URL and CHARTSTREAM_GATEWAY_URL set.
 */
public class DemoLoader {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path FHIR = Path.of(System.getProperty("demo.dir", "deploy/demo"), "fhir");

    public static void main(String[] args) throws Exception {
        String keycloak = env("KEYCLOAK_URL", "http://localhost:8180");
        String gateway = env("CHARTSTREAM_GATEWAY_URL", "http://localhost:8083") + "/fhir";
        String riverside = clientToken(keycloak, "riverside-clinic-system");
        String stMarys = clientToken(keycloak, "st-marys-hospital-system");

        String person = register(gateway, riverside, "alice-riverside.json", "demo-alice-riverside");
        String again = register(gateway, stMarys, "alice-st-marys.json", "demo-alice-st-marys");
        if (!person.equals(again)) {
            throw new IllegalStateException("st-marys-hospital's alice was not linked to riverside-clinic's: " + person + " vs " + again);
        }
        System.out.println("  alice is enterprise person " + person + " (riverside-clinic RC-100234, st-marys-hospital SMH-778812)");
        for (String[] entry : new String[][]{
                {"Observation", "obs-glucose.json"}, {"Observation", "obs-hba1c.json"}, {"Observation", "obs-ldl.json"},
                {"Condition", "condition-diabetes.json"}, {"MedicationRequest", "medication-metformin.json"},
                {"AllergyIntolerance", "allergy-penicillin.json"}}) {
            String body = Files.readString(FHIR.resolve(entry[1])).replace("{{person}}", person);
            HttpResponse<String> r = post(gateway + "/" + entry[0], riverside, body, "demo-" + entry[1]);
            System.out.println("  riverside-clinic recorded " + entry[0] + " (" + entry[1] + "): HTTP " + r.statusCode());
        }
        linkPortalAccount(keycloak, "alice", person);
        System.out.println("  alice's portal account now names person " + person);
        // who may see alice's record: riverside-clinic and st-marys-hospital hold her MRNs (basis
        // "identifier"); she blocks northside-pediatrics; dr.novak breaks the glass in an emergency
        String alice = userToken(keycloak, "alice");
        post(gateway + "/Consent", alice, Files.readString(FHIR.resolve("consent-alice.json")).replace("{{person}}", person),
                "demo-consent-alice");
        System.out.println("  alice blocked northside-pediatrics (Consent, scope patient-privacy)");
        post(gateway + "/Patient/" + person + "/$break-the-glass", userToken(keycloak, "dr.novak"),
                Files.readString(FHIR.resolve("break-the-glass.json")), "demo-break-the-glass");
        System.out.println("  dr.novak (northside-pediatrics) broke the glass on alice's record for 4 h");
        Files.writeString(Path.of(env("CHARTSTREAM_RUN_DIR", ".chartstream/run"), "alice.person"), person);
    }

    private static String register(String gateway, String token, String file, String key) throws Exception {
        HttpResponse<String> r = post(gateway + "/Patient", token, Files.readString(FHIR.resolve(file)), key);
        // A new person answers 201 with a Location; a linked or known one answers 200 with the Patient.
        String location = r.headers().firstValue("Location").orElse(null);
        Matcher m = location != null
                ? Pattern.compile("Patient/([0-9a-f-]{36})").matcher(location)
                : Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no person id in the answer to " + file + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private static HttpResponse<String> post(String url, String token, String body, String idempotencyKey) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    private static String userToken(String keycloak, String username) throws Exception {
        return token(keycloak + "/realms/chartstream/protocol/openid-connect/token",
                "grant_type=password&client_id=chartstream-cli&username=" + form(username) + "&password=demo");
    }

    private static String clientToken(String keycloak, String client) throws Exception {
        return token(keycloak + "/realms/chartstream/protocol/openid-connect/token",
                "grant_type=client_credentials&client_id=" + client + "&client_secret=demo-secret");
    }

    /** Sets the user's person_id attribute: read the user, replace the attribute, write it back. */
    private static void linkPortalAccount(String keycloak, String username, String person) throws Exception {
        String admin = token(keycloak + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=" + form(env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"))
                        + "&password=" + form(env("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")));
        String users = keycloak + "/admin/realms/chartstream/users";
        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(users + "?exact=true&username=" + form(username)))
                .header("Authorization", "Bearer " + admin).GET());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(found.body());
        if (!id.find()) {
            throw new IllegalStateException("no Keycloak user " + username + ": " + found.body());
        }
        String userUrl = users + "/" + id.group(1);
        String user = send(HttpRequest.newBuilder(URI.create(userUrl)).header("Authorization", "Bearer " + admin).GET()).body();
        String updated = user.replaceAll("\"person_id\"\\s*:\\s*\\[\\s*\"[^\"]*\"\\s*]", "\"person_id\":[\"" + person + "\"]");
        if (updated.equals(user) && !user.contains(person)) {
            throw new IllegalStateException("user " + username + " has no person_id attribute to update: " + user);
        }
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(userUrl)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(updated)));
        if (put.statusCode() >= 300) {
            throw new IllegalStateException("Keycloak refused the person_id update: " + put.statusCode() + " " + put.body());
        }
    }

    private static String token(String url, String form) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no token from " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
