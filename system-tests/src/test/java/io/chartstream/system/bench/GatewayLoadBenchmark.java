package io.chartstream.system.bench;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.system.RunningExchange;
import io.chartstream.system.Tokens;
import io.chartstream.testsupport.FhirSamples;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway under a FHIR client's mix of work, closed loop with a fixed number of workers:
 * create Patients, then Observations, Conditions, MedicationRequests and AllergyIntolerances
 * spread over them, then read Patients by id, search Observations by patient and ask for
 * $everything. Every resource is built with HAPI FHIR's model classes. Prints one row per phase:
 * ok, errors, ops/s, p50, p95, p99 (ms). Needs the exchange running ({@code ./chartstream up};
 * it is started when it is not).
 *
 * <pre>
 * mvn -B -q -pl system-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.chartstream.system.bench.GatewayLoadBenchmark \
 *     -Dexec.args="--concurrency 4 --patients 200 --observations 2000 --conditions 200 --medications 200 \
 *                  --allergies 100 --reads 500 --searches 300 --everything 100 --warmup 50"
 * </pre>
 * {@code --base URL} and {@code --token BEARER} point it elsewhere (default: the local gateway and
 * a riverside-clinic system token).
 */
public final class GatewayLoadBenchmark {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Pattern CREATED_ID = Pattern.compile("[A-Za-z]+/([0-9a-f-]{36})");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;
    private final int concurrency;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    GatewayLoadBenchmark(String base, String token, int concurrency) {
        this.base = base;
        this.token = token;
        this.concurrency = concurrency;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.base() == null || options.token() == null) {
            RunningExchange.ensureUp();
        }
        String base = options.base() != null ? options.base() : RunningExchange.GATEWAY + "/fhir";
        String token = options.token() != null ? options.token() : Tokens.system("riverside-clinic");
        GatewayLoadBenchmark bench = new GatewayLoadBenchmark(base, token, options.count("concurrency", 4));
        System.out.println(bench.run(options).render());
    }

    Report run(Options o) throws Exception {
        int warmup = o.count("warmup", 50);
        List<String> warm = phase("warm-up", warmup, i -> createPatient(-1 - i)).ids();
        if (!warm.isEmpty()) {
            phase("warm-up", warmup, i -> get("/Patient/" + warm.get(i % warm.size())));
        }
        Report report = new Report();
        Phase patients = phase("create Patient", o.count("patients", 200), this::createPatient);
        report.add(patients);
        List<String> ids = patients.ids();
        if (ids.isEmpty()) {
            throw new IllegalStateException("no Patient was created; first error: " + patients.firstError());
        }
        report.add(phase(
                "create Observation",
                o.count("observations", 2000),
                i -> create(FhirSamples.glucose(UUID.fromString(ids.get(i % ids.size())), 70 + i % 120))));
        report.add(phase(
                "create Condition",
                o.count("conditions", 200),
                i -> create(FhirSamples.type2Diabetes(UUID.fromString(ids.get(i % ids.size()))))));
        report.add(phase(
                "create MedicationRequest",
                o.count("medications", 200),
                i -> create(FhirSamples.metformin(UUID.fromString(ids.get(i % ids.size()))))));
        report.add(phase(
                "create AllergyIntolerance",
                o.count("allergies", 100),
                i -> create(FhirSamples.penicillinAllergy(UUID.fromString(ids.get(i % ids.size()))))));
        report.add(phase("read Patient", o.count("reads", 500), i -> get("/Patient/" + ids.get(i % ids.size()))));
        report.add(phase(
                "search Observation?patient",
                o.count("searches", 300),
                i -> get("/Observation?patient=Patient/" + ids.get(i % ids.size()))));
        report.add(phase(
                "Patient/$everything",
                o.count("everything", 100),
                i -> get("/Patient/" + ids.get(i % ids.size()) + "/$everything")));
        return report;
    }

    /** Runs {@code count} requests on {@code concurrency} workers; each request returns the created id or null. */
    Phase phase(String name, int count, IntFunction<Outcome> request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        Outcome outcome = request.apply(i);
                        if (outcome.ok()) {
                            latencies.add(System.nanoTime() - t0);
                            if (outcome.id() != null) {
                                ids.add(outcome.id());
                            }
                        } else {
                            errors.add(outcome.error());
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
        return new Phase(name, latencies, errors, ids, System.nanoTime() - start);
    }

    private Outcome createPatient(int i) {
        Patient patient = FhirSamples.patient(
                "urn:riverside-clinic:mrn",
                "LOAD-" + run + "-" + i,
                "Ana" + Math.abs(i),
                "Load" + run,
                String.format(
                        Locale.ROOT,
                        "19%02d-%02d-%02d",
                        30 + Math.abs(i) % 70,
                        1 + Math.abs(i) % 12,
                        1 + Math.abs(i) % 28));
        patient.setGender(i % 2 == 0 ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        return create(patient);
    }

    private Outcome create(Resource resource) {
        String body = FHIR.newJsonParser().encodeResourceToString(resource);
        return send(
                HttpRequest.newBuilder(URI.create(base + "/" + resource.fhirType()))
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                true);
    }

    private Outcome get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), false);
    }

    private Outcome send(HttpRequest.Builder request, boolean create) {
        try {
            HttpResponse<String> response = http.send(
                    request.header("Authorization", "Bearer " + token)
                            .header("Accept", "application/fhir+json")
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                return Outcome.failed(response.statusCode() + " " + abbreviate(response.body()));
            }
            return Outcome.ok(create ? createdId(response) : null);
        } catch (Exception e) {
            return Outcome.failed(e.toString());
        }
    }

    private static String createdId(HttpResponse<String> response) {
        Matcher m = CREATED_ID.matcher(response.headers().firstValue("Location").orElse(""));
        if (m.find()) {
            return m.group(1);
        }
        return FHIR.newJsonParser()
                .parseResource(response.body())
                .getIdElement()
                .getIdPart();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    record Outcome(boolean ok, String id, String error) {
        static Outcome ok(String id) {
            return new Outcome(true, id, null);
        }

        static Outcome failed(String error) {
            return new Outcome(false, null, error);
        }
    }

    record Phase(String name, List<Long> latenciesNanos, List<String> errors, List<String> ids, long wallNanos) {

        double opsPerSecond() {
            return wallNanos == 0 ? 0 : latenciesNanos.size() * 1e9 / wallNanos;
        }

        /** Nearest-rank percentile in milliseconds. */
        double percentileMillis(double p) {
            if (latenciesNanos.isEmpty()) {
                return Double.NaN;
            }
            List<Long> sorted = new ArrayList<>(latenciesNanos);
            Collections.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
        }

        String firstError() {
            return errors.isEmpty() ? "none" : errors.get(0);
        }
    }

    static final class Report {
        private final List<Phase> phases = new ArrayList<>();

        void add(Phase phase) {
            phases.add(phase);
        }

        String render() {
            StringBuilder out = new StringBuilder(
                    "| operation | ok | errors | ops/s | p50 | p95 | p99 |\n|---|---|---|---|---|---|---|\n");
            for (Phase p : phases) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %.1f | %.0f ms | %.0f ms | %.0f ms |%n",
                        p.name(),
                        p.latenciesNanos().size(),
                        p.errors().size(),
                        p.opsPerSecond(),
                        p.percentileMillis(50),
                        p.percentileMillis(95),
                        p.percentileMillis(99)));
            }
            for (Phase p : phases) {
                if (!p.errors().isEmpty()) {
                    out.append(p.name())
                            .append(": first error ")
                            .append(p.firstError())
                            .append('\n');
                }
            }
            return out.toString();
        }
    }

    /** {@code --name value} pairs. */
    record Options(Map<String, String> values) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
                }
                values.put(args[i].substring(2), args[++i]);
            }
            return new Options(values);
        }

        int count(String name, int fallback) {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
        }

        String base() {
            return values.get("base");
        }

        String token() {
            return values.get("token");
        }
    }
}
