package io.chartstream.system.bench;

import io.chartstream.system.Fhir;
import io.chartstream.system.RunningExchange;
import io.chartstream.system.Tokens;
import io.chartstream.system.bench.ClosedLoop.Outcome;
import io.chartstream.system.bench.LoadOptions.Operation;
import io.chartstream.testsupport.FhirSamples;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The gateway under a FHIR client's mix of work, closed loop with a fixed number of workers:
 * create Patients, then Observations, Conditions, MedicationRequests and AllergyIntolerances
 * spread over them, then read Patients by id, search Observations by patient and ask for
 * {@code $everything}. Every resource is built with HAPI FHIR's model classes. Prints one row per
 * operation: ok, errors, ops/s, p50, p95, p99, and the load average before and after. Bounded by
 * its counts, a per-request timeout and a time limit for the whole run.
 *
 * <pre>
 * ./chartstream up
 * mvn -B -q -pl system-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.chartstream.system.bench.GatewayLoadBenchmark \
 *     -Dexec.args="--concurrency 4 --patients 200 --observations 2000 --conditions 200 --medications 200 \
 *                  --allergies 100 --reads 500 --searches 300 --everything 100 --warmup 50"
 * </pre>
 * {@code --base URL} and {@code --token BEARER} point it elsewhere (default: the local gateway,
 * started when it is not running, and a riverside-clinic system token); {@code --help} lists the rest.
 */
public final class GatewayLoadBenchmark {

    private static final String MRN_SYSTEM = Fhir.RIVERSIDE_MRN;
    private static final String[] GIVEN = {
        "Ana", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Iris", "Jamal",
        "Kira", "Liam", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara"
    };
    private static final String[] SYLLABLES = {
        "ba", "ko", "ri", "ten", "mus", "la", "dor", "vi", "sen", "gar", "pol", "fi", "nak", "ru", "te", "zam"
    };

    private final LoadOptions options;
    private final String base;
    private final Supplier<String> tokens;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ClosedLoop loop;

    GatewayLoadBenchmark(LoadOptions options, String base, Supplier<String> tokens) {
        this.options = options;
        this.base = base;
        this.tokens = tokens;
        this.loop = new ClosedLoop(
                options.concurrency(), System.nanoTime() + options.maxDuration().toNanos());
    }

    public static void main(String[] args) throws Exception {
        if (LoadOptions.wantsHelp(args)) {
            System.out.print(LoadOptions.USAGE);
            return;
        }
        LoadOptions options = LoadOptions.parse(args);
        if (options.base() == null || options.token() == null) {
            RunningExchange.ensureUp();
        }
        String base = options.base() != null ? options.base() : RunningExchange.GATEWAY + "/fhir";
        Supplier<String> tokens = options.token() != null ? options::token : () -> Tokens.system("riverside-clinic");
        System.out.printf(Locale.ROOT, "load average %.2f at start%n", loadAverage());
        List<PhaseResult> phases = new GatewayLoadBenchmark(options, base, tokens).measure();
        System.out.print(LoadReport.table(phases));
        System.out.printf(Locale.ROOT, "load average %.2f at end%n", loadAverage());
    }

    /** The warm-up, unreported, then each operation with a count above zero, in order. */
    List<PhaseResult> measure() throws Exception {
        warmUp();
        List<PhaseResult> results = new ArrayList<>();
        phase(results, Operation.CREATE_PATIENT, (gateway, i) -> gateway.create(patient("Load", i)));
        List<String> ids = results.isEmpty() ? List.of() : results.getFirst().createdIds();
        if (ids.isEmpty()) {
            System.err.println("no Patient was created, so nothing else is measured");
            return results;
        }
        IntFunction<UUID> person = i -> UUID.fromString(ids.get(i % ids.size()));
        phase(
                results,
                Operation.CREATE_OBSERVATION,
                (gateway, i) -> gateway.create(FhirSamples.glucose(person.apply(i), 70 + i % 120)));
        phase(
                results,
                Operation.CREATE_CONDITION,
                (gateway, i) -> gateway.create(FhirSamples.type2Diabetes(person.apply(i))));
        phase(
                results,
                Operation.CREATE_MEDICATION_REQUEST,
                (gateway, i) -> gateway.create(FhirSamples.metformin(person.apply(i))));
        phase(
                results,
                Operation.CREATE_ALLERGY_INTOLERANCE,
                (gateway, i) -> gateway.create(FhirSamples.penicillinAllergy(person.apply(i))));
        phase(results, Operation.READ_PATIENT, (gateway, i) -> gateway.read("/Patient/" + person.apply(i)));
        phase(
                results,
                Operation.SEARCH_OBSERVATIONS,
                (gateway, i) -> gateway.read("/Observation?patient=Patient/" + person.apply(i)));
        phase(
                results,
                Operation.EVERYTHING,
                (gateway, i) -> gateway.read("/Patient/" + person.apply(i) + "/$everything"));
        return results;
    }

    /** One request of an operation, the {@code i}-th of its phase. */
    @FunctionalInterface
    interface Request {
        Outcome send(GatewayClient gateway, int i);
    }

    private void phase(List<PhaseResult> results, Operation operation, Request request) throws Exception {
        int count = options.count(operation);
        if (count == 0) {
            return;
        }
        GatewayClient gateway = gateway(); // a fresh token per phase: a long run outlives one
        System.err.printf(
                Locale.ROOT, "%s: %d requests on %d workers%n", operation.label, count, options.concurrency());
        results.add(loop.run(operation.label, count, i -> request.send(gateway, i)));
    }

    /** Patients created, read and searched before measuring, so the JVMs on both sides have compiled their paths. */
    private void warmUp() throws Exception {
        int count = options.warmup();
        if (count == 0) {
            return;
        }
        GatewayClient gateway = gateway();
        PhaseResult created = loop.run("warm-up", count, i -> gateway.create(patient("Warm", i)));
        List<String> ids = created.createdIds();
        if (ids.isEmpty()) {
            System.err.println("warm-up: no Patient was created; errors: "
                    + created.errors().stream().limit(1).toList());
            return;
        }
        loop.run("warm-up", count, i -> gateway.read("/Patient/" + ids.get(i % ids.size())));
        loop.run("warm-up", count, i -> gateway.read("/Observation?patient=Patient/" + ids.get(i % ids.size())));
    }

    private GatewayClient gateway() {
        return new GatewayClient(http, base, tokens.get(), options.requestTimeout());
    }

    /**
     * A distinct person per family (warm-up or measured), index and run, as a clinic's system
     * registers them: a surname of their own, a common given name, a birth date spread over 80
     * years. So the MPI's blocks are what a clinic's patients make (a few look-alikes), not one
     * family: persons that all sound alike would make every registration score every earlier one.
     */
    private Patient patient(String family, int i) {
        long n = Math.floorMod((long) (run + family).hashCode(), 4096L) * 1_000_000L + i;
        LocalDate born = LocalDate.of(1930, 1, 1).plusDays(Math.floorMod(n * 7_919L, 29_220L));
        Patient patient = FhirSamples.patient(
                MRN_SYSTEM, family + "-" + run + "-" + i, GIVEN[(int) (n % GIVEN.length)], surname(n), born.toString());
        patient.setGender(i % 2 == 0 ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        return patient;
    }

    /** "Korimusba": the syllables of {@code n}, least significant first, so neighbours differ from the start. */
    private static String surname(long n) {
        StringBuilder name = new StringBuilder();
        long rest = n;
        do {
            name.append(SYLLABLES[(int) (rest % SYLLABLES.length)]);
            rest /= SYLLABLES.length;
        } while (rest > 0);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
