package io.chartstream.loader;

import io.chartstream.loader.bundle.ChunkLimits;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The command line: {@code FOLDER [--as CLIENT] [--base URL] [--no-auth] ...}, see {@link #USAGE}. */
public record LoaderOptions(
        Path folder,
        URI base,
        boolean auth,
        String client,
        String secret,
        URI keycloak,
        int threads,
        ChunkLimits limits,
        int retries,
        Duration timeout,
        Boolean terminal,
        boolean verify,
        Path saveServed) {

    public static final String USAGE = """
            usage: load FOLDER [options]
              FOLDER             a Synthea output folder (its fhir/ folder is used when there is one) or a folder of bundles
              --base URL         FHIR base to load into (default http://localhost:8083/fhir, the ChartStream gateway)
              --as CLIENT        Keycloak client to act as (default riverside-clinic-system)
              --secret SECRET    its client secret (default demo-secret)
              --keycloak URL     Keycloak base URL (default http://localhost:8180)
              --no-auth          send no token (a plain FHIR server such as HAPI FHIR JPA)
              --verify           afterwards, check that each patient's $everything holds what was loaded, by type
              --save-served DIR  with --verify: also write every $everything page read to DIR (to validate what is served)
              --threads N        patient files sent in parallel (default 2; one file's chunks always in order)
              --max-entries N    entries per request (default 1000)
              --max-bytes SIZE   encoded bytes per request, e.g. 8m, 512k (default 8m)
              --retries N        retries of a chunk on 503, 429 or a lost connection (default 5)
              --timeout SECONDS  how long one request may take (default 600)
              --progress MODE    bar (redrawn in place) or lines (one every 10 s); default: bar on a terminal
            """;

    public static LoaderOptions parse(String... args) {
        Path folder = null;
        URI base = URI.create("http://localhost:8083/fhir");
        boolean auth = true;
        String client = "riverside-clinic-system";
        String secret = "demo-secret";
        URI keycloak = URI.create("http://localhost:8180");
        int threads = 2;
        boolean verify = false;
        Path saveServed = null;
        int maxEntries = ChunkLimits.DEFAULT.maxEntries();
        long maxBytes = ChunkLimits.DEFAULT.maxBytes();
        int retries = 5;
        Duration timeout = Duration.ofMinutes(10);
        Boolean terminal = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--base" -> base = URI.create(value(args, ++i, arg));
                case "--as" -> client = value(args, ++i, arg);
                case "--secret" -> secret = value(args, ++i, arg);
                case "--keycloak" -> keycloak = URI.create(value(args, ++i, arg));
                case "--no-auth" -> auth = false;
                case "--verify" -> verify = true;
                case "--save-served" -> saveServed = Path.of(value(args, ++i, arg));
                case "--threads" -> threads = positive(value(args, ++i, arg), arg);
                case "--max-entries" -> maxEntries = positive(value(args, ++i, arg), arg);
                case "--max-bytes" -> maxBytes = size(value(args, ++i, arg));
                case "--retries" -> retries = Math.max(0, number(value(args, ++i, arg), arg));
                case "--timeout" -> timeout = Duration.ofSeconds(positive(value(args, ++i, arg), arg));
                case "--progress" -> terminal = progress(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-") || folder != null) {
                        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                    }
                    folder = Path.of(arg);
                }
            }
        }
        if (folder == null) {
            throw new IllegalArgumentException("name the folder to load");
        }
        if (saveServed != null && !verify) {
            throw new IllegalArgumentException("--save-served writes the pages --verify reads: add --verify");
        }
        return new LoaderOptions(
                folder,
                base,
                auth,
                client,
                secret,
                keycloak,
                threads,
                new ChunkLimits(maxEntries, maxBytes),
                retries,
                timeout,
                terminal,
                verify,
                saveServed);
    }

    /** {@code 8m}, {@code 512k}, {@code 8MiB} or a number of bytes. */
    static long size(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replaceAll("i?b$", "");
        long unit = 1;
        if (v.endsWith("k")) {
            unit = 1024;
        } else if (v.endsWith("m")) {
            unit = 1024 * 1024;
        }
        if (unit > 1) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            long bytes = Long.parseLong(v) * unit;
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--max-bytes needs a size such as 8m or 512k, not '" + value + "'");
    }

    private static Boolean progress(String mode) {
        return switch (mode) {
            case "bar" -> true;
            case "lines" -> false;
            default -> throw new IllegalArgumentException("--progress is bar or lines, not '" + mode + "'");
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String value, String option) {
        int n = number(value, option);
        if (n < 1) {
            throw new IllegalArgumentException(option + " needs a number of at least 1, not '" + value + "'");
        }
        return n;
    }

    private static int number(String value, String option) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
        }
    }
}
