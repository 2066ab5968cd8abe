package io.chartstream.system.bench.mpi;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Match quality of the master patient index through the whole HL7 v2 feed path of a running
 * exchange (MLLP listener, HL7 → FHIR, patient-service's matching), on labelled registrations
 * written by an HL7 v2 test-message generator ({@link Hl7MpiInput}). Registers the input's
 * organizations and their system clients, sends every valid message in file order, asks each
 * organization for the person of each of its MRNs and the administrator for the review queue, and
 * prints pairwise precision, recall and F1 of the certain links and the share sent to review,
 * beside what an exact-match baseline ({@link ExactBaseline}) makes of the same rows. A benchmark,
 * not a test: run it against a freshly started exchange (system-tests README).
 */
public final class Hl7MpiBenchmark {

    static final String USAGE = """
            Hl7MpiBenchmark --input DIR [--name value]...
              --input DIR          the generator's output folder (organizations.tsv, identities.tsv, manifest.tsv, valid/)
              --gateway URL        the exchange's gateway (default http://localhost:8083)
              --keycloak URL       the realm's Keycloak (default http://localhost:8180)
              --mllp-host H        (default localhost)      --mllp-port N   (default 2575)
              --ack-timeout-s N    per message (default 120) --wait-s N      for the views to show every MRN (default 120)
            The administrator is the realm's demo user admin; the organizations' system clients are made with
            Keycloak's admin API (KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD, default admin / admin).
            """;

    private Hl7MpiBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        if (o.containsKey("help") || !o.containsKey("input")) {
            System.out.print(USAGE);
            return;
        }
        String gateway = o.getOrDefault("gateway", "http://localhost:8083");
        HapiContext hapi = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        hapi.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
        Path dir = Path.of(o.get("input"));
        if (!Files.isDirectory(dir.resolve("valid"))) {
            throw new IllegalArgumentException(dir + " has no valid/ folder");
        }
        Hl7MpiInput input = Hl7MpiInput.read(dir, hapi);
        System.out.printf(Locale.ROOT, "load average %.2f at start%n", loadAverage());
        System.out.printf(
                "input %s: %d organizations, %d messages, %d registrations of %d patients (%d same-facility duplicates)%n",
                dir,
                input.organizations().size(),
                input.messages().size(),
                input.registrations().size(),
                input.registrations().stream().map(Registration::key).distinct().count(),
                input.registrations().stream().filter(Registration::duplicate).count());

        ExchangeDirectory directory = new ExchangeDirectory(
                gateway,
                o.getOrDefault("keycloak", "http://localhost:8180"),
                env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                env("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
        String admin = directory.userToken("admin", "demo");
        int known = 0;
        Map<String, String> secretByFacility = new HashMap<>();
        for (Hl7MpiInput.Organization org : input.organizations()) {
            if (!directory.register(admin, org)) {
                known++;
            }
            secretByFacility.put(org.code(), directory.systemClient(org.id()));
        }
        System.out.printf(
                "directory: %d organizations registered, %d known already%n",
                input.organizations().size() - known, known);
        if (known > 0) {
            System.out.println("WARNING: this exchange has seen these organizations before: its index already holds"
                    + " earlier runs' registrations, so these figures are not those of a fresh index");
        }

        Hl7Sender.Acks acks = new Hl7Sender(
                        hapi,
                        o.getOrDefault("mllp-host", "localhost"),
                        Integer.parseInt(o.getOrDefault("mllp-port", "2575")),
                        Integer.parseInt(o.getOrDefault("ack-timeout-s", "120")))
                .send(input.messages());
        Hl7MpiReport.acks(acks);

        Map<String, String> tokenByFacility = new HashMap<>();
        Map<String, String> orgIdByFacility = new HashMap<>();
        for (Hl7MpiInput.Organization org : input.organizations()) {
            tokenByFacility.put(org.code(), directory.systemToken(org.id(), secretByFacility.get(org.code())));
            orgIdByFacility.put(org.code(), org.id());
        }
        ExchangePersons exchange = new ExchangePersons(directory, gateway);
        Map<Registration, String> persons = exchange.persons(
                input.registrations(), tokenByFacility, 1000L * Integer.parseInt(o.getOrDefault("wait-s", "120")));
        List<ExchangePersons.Review> reviews = exchange.reviews(directory.userToken("admin", "demo"));
        Map<Registration, String> baseline = new LinkedHashMap<>(ExactBaseline.clusters(input.registrations()));
        Hl7MpiReport.quality(input.registrations(), persons, baseline, reviews, orgIdByFacility);
        Hl7MpiReport.duplicateGrades(input.registrations(), persons, exchange, tokenByFacility);
        System.out.printf(Locale.ROOT, "load average %.2f at the end%n", loadAverage());
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("not an option: " + args[i] + "\n" + USAGE);
            }
            String name = args[i].substring(2);
            if ("help".equals(name)) {
                o.put(name, "");
            } else if (i + 1 < args.length) {
                o.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value\n" + USAGE);
            }
        }
        return o;
    }
}
