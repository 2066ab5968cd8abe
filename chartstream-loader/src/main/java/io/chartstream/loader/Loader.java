package io.chartstream.loader;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.loader.bundle.ServedTypes;
import io.chartstream.loader.bundle.SyntheaFolder;
import io.chartstream.loader.http.Backoff;
import io.chartstream.loader.http.FhirServer;
import io.chartstream.loader.http.KeycloakTokens;
import io.chartstream.loader.http.Tokens;
import io.chartstream.loader.progress.ProgressPrinter;
import io.chartstream.loader.progress.Summary;
import io.chartstream.loader.progress.Tally;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The whole load: asks the server what it serves, loads the shared files (organizations,
 * practitioners) one after the other, then the patients on {@code --threads} threads, and reports.
 */
public final class Loader {

    private final LoaderOptions options;
    private final PrintStream out;
    private final PrintStream err;

    public Loader(LoaderOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** 0 when nothing was refused (left-out types aside), 1 otherwise. */
    public int run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<Path> files = SyntheaFolder.bundles(options.folder());
        if (files.isEmpty()) {
            throw new IOException("no .json files in " + options.folder());
        }
        FhirContext fhir = FhirContext.forR4Cached();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        Tokens tokens = options.auth()
                ? new KeycloakTokens(
                        http, options.keycloak(), "chartstream", options.client(), options.secret(), Clock.systemUTC())
                : Tokens.NONE;
        FhirServer server = new FhirServer(
                http,
                options.base(),
                tokens,
                new Backoff(options.retries(), Duration.ofSeconds(1)),
                options.timeout(),
                fhir);
        ServedTypes served = ServedTypes.of(server.capabilities());

        Tally tally = new Tally();
        long[] counted = files.stream().mapToLong(EntryCount::of).toArray();
        tally.planned(files.size(), Arrays.stream(counted).sum());
        err.printf(
                "loading %d files (%,d entries) into %s%s, %d threads%n",
                files.size(),
                tally.counts().entriesTotal(),
                server.base(),
                options.auth() ? " as " + options.client() : "",
                options.threads());
        FileLoader loader = new FileLoader(fhir, server, served, options.limits(), tally);
        boolean terminal = options.terminal() != null ? options.terminal() : System.console() != null;
        try (ProgressPrinter progress = new ProgressPrinter(tally, err, terminal).start()) {
            for (int i = 0; i < files.size(); i++) {
                if (SyntheaFolder.isShared(files.get(i))) {
                    loadSafely(loader, files.get(i), counted[i], tally);
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(options.threads());
            for (int i = 0; i < files.size(); i++) {
                if (!SyntheaFolder.isShared(files.get(i))) {
                    Path file = files.get(i);
                    long count = counted[i];
                    pool.submit(() -> loadSafely(loader, file, count, tally));
                }
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                // a large folder takes as long as it takes
            }
        }
        out.print(Summary.format(tally, Duration.ofNanos(System.nanoTime() - start)));
        boolean complete =
                !options.verify() || Completeness.check(loader.loaded(), server, fhir, options.saveServed(), out);
        out.flush();
        return complete && tally.counts().refused() == 0 && tally.refusedFiles().isEmpty() ? 0 : 1;
    }

    /** A file that fails in an unexpected way is a refused file, not the end of the load. */
    private static Void loadSafely(FileLoader loader, Path file, long counted, Tally tally)
            throws InterruptedException {
        try {
            loader.load(file, counted);
        } catch (RuntimeException | OutOfMemoryError e) {
            tally.fileDone(file.getFileName().toString(), "failed: " + e);
        }
        return null;
    }
}
