package io.chartstream.system.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@link GatewayLoadBenchmark} is asked to do, from {@code --name value} arguments: where
 * (base URL and token; both default to the local exchange), how many workers, how many requests of
 * each operation after how many unmeasured warm-up ones, and the bounds on a request and the run.
 */
record LoadOptions(
        String base,
        String token,
        int concurrency,
        int warmup,
        Map<Operation, Integer> counts,
        Duration requestTimeout,
        Duration maxDuration) {

    /** The measured operations, in the order they run, each with its option and default count. */
    enum Operation {
        CREATE_PATIENT("patients", 200, "create Patient"),
        CREATE_OBSERVATION("observations", 2000, "create Observation"),
        CREATE_CONDITION("conditions", 200, "create Condition"),
        CREATE_MEDICATION_REQUEST("medications", 200, "create MedicationRequest"),
        CREATE_ALLERGY_INTOLERANCE("allergies", 100, "create AllergyIntolerance"),
        READ_PATIENT("reads", 500, "read Patient"),
        SEARCH_OBSERVATIONS("searches", 300, "search Observation?patient"),
        EVERYTHING("everything", 100, "Patient/$everything");

        final String option;
        final int defaultCount;
        final String label;

        Operation(String option, int defaultCount, String label) {
            this.option = option;
            this.defaultCount = defaultCount;
            this.label = label;
        }
    }

    static final String USAGE = """
            GatewayLoadBenchmark [--name value]...
              --base URL         FHIR base of the gateway (default: the local exchange's, started if not running)
              --token BEARER     access token for every request (default: a riverside-clinic system token, renewed per phase)
              --concurrency N    workers, each sending its next request when the last one answered (default 4)
              --warmup N         unmeasured Patient creates, reads and searches first (default 50)
            """
            + Arrays.stream(Operation.values())
                    .map(o -> String.format(
                            "  --%-16s %s, count (default %d)%n", o.option + " N", o.label, o.defaultCount))
                    .collect(Collectors.joining())
            + """
              --timeout-s N      per request (default 60)
              --max-seconds N    the whole run; later requests are not sent and the phase is marked truncated (default 1800)
              --help             this text
            A count of 0 skips that operation.
            """;

    LoadOptions {
        counts = Map.copyOf(counts);
    }

    static boolean wantsHelp(String... args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    static LoadOptions parse(String... args) {
        String base = null;
        String token = null;
        int concurrency = 4;
        int warmup = 50;
        int timeoutSeconds = 60;
        int maxSeconds = 1800;
        Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
        for (Operation o : Operation.values()) {
            counts.put(o, o.defaultCount);
        }
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got '" + name + "'\n" + USAGE);
            }
            String value = args[i + 1];
            switch (name.substring(2)) {
                case "base" -> base = value.replaceAll("/+$", "");
                case "token" -> token = value;
                case "concurrency" -> concurrency = number(name, value, 1);
                case "warmup" -> warmup = number(name, value, 0);
                case "timeout-s" -> timeoutSeconds = number(name, value, 1);
                case "max-seconds" -> maxSeconds = number(name, value, 1);
                default -> counts.put(operation(name), number(name, value, 0));
            }
        }
        return new LoadOptions(
                base,
                token,
                concurrency,
                warmup,
                counts,
                Duration.ofSeconds(timeoutSeconds),
                Duration.ofSeconds(maxSeconds));
    }

    int count(Operation operation) {
        return counts.get(operation);
    }

    private static Operation operation(String name) {
        return Arrays.stream(Operation.values())
                .filter(o -> name.equals("--" + o.option))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown option " + name + "\n" + USAGE));
    }

    private static int number(String name, String value, int least) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, got '" + value + "'");
        }
        if (n < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", got " + n);
        }
        return n;
    }
}
