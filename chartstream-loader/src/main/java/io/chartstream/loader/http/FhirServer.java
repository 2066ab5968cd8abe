package io.chartstream.loader.http;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.loader.http.Answer.Accepted;
import io.chartstream.loader.http.Answer.Refused;
import org.hl7.fhir.r4.model.CapabilityStatement;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The FHIR server the bundles go to: its CapabilityStatement, and {@code POST [base]} of one chunk
 * with its Idempotency-Key, retried on 503, 429 and lost connections as {@link Backoff} says, and
 * once with a new token on a 401. Any other answer is final.
 */
public final class FhirServer {

    public static final String FHIR_JSON = "application/fhir+json";

    private final HttpClient http;
    private final URI base;
    private final Tokens tokens;
    private final Backoff backoff;
    private final Duration timeout;
    private final FhirContext fhir;

    public FhirServer(HttpClient http, URI base, Tokens tokens, Backoff backoff, Duration timeout, FhirContext fhir) {
        this.http = http;
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.tokens = tokens;
        this.backoff = backoff;
        this.timeout = timeout;
        this.fhir = fhir;
    }

    public URI base() {
        return base;
    }

    public CapabilityStatement capabilities() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/metadata"))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", FHIR_JSON)
                .GET();
        HttpResponse<String> response = http.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(
                    base + "/metadata answered " + Outcomes.reason(fhir, response.statusCode(), response.body()));
        }
        return fhir.newJsonParser().parseResource(CapabilityStatement.class, response.body());
    }

    /**
     * GET of a URL on the server (a page of a search or $everything), retried on 503 and 429 as
     * {@link Backoff} says; the body, or an IOException naming the status.
     */
    public String get(String url) throws IOException, InterruptedException {
        for (int retry = 1; ; retry++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Accept", FHIR_JSON)
                    .GET();
            HttpResponse<String> response =
                    http.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            if ((status != 503 && status != 429) || retry > backoff.retries()) {
                throw new IOException(url + " answered " + Outcomes.reason(fhir, status, response.body()));
            }
            Thread.sleep(backoff.delay(retry, response.headers().firstValue("Retry-After"))
                    .toMillis());
        }
    }

    public Answer post(byte[] body, String idempotencyKey) throws InterruptedException {
        boolean renewedToken = false;
        for (int retry = 1; ; retry++) {
            String lastProblem;
            HttpResponse<String> response = null;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(base)
                        .timeout(timeout)
                        .header("Content-Type", FHIR_JSON)
                        .header("Accept", FHIR_JSON)
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                response = http.send(authorized(request).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200 || status == 201) {
                    return new Accepted(status, response.body());
                }
                if (status == 401 && !renewedToken) {
                    tokens.invalidate();
                    renewedToken = true;
                    retry--;
                    continue;
                }
                lastProblem = Outcomes.reason(fhir, status, response.body());
                if (status != 503 && status != 429) {
                    return new Refused(status, lastProblem);
                }
            } catch (IOException e) {
                lastProblem = "no answer from " + base + ": " + e;
            }
            if (retry > backoff.retries()) {
                int status = response == null ? 0 : response.statusCode();
                return new Refused(status, lastProblem + " (after " + backoff.retries() + " retries)");
            }
            Optional<String> retryAfter =
                    response == null ? Optional.empty() : response.headers().firstValue("Retry-After");
            Thread.sleep(backoff.delay(retry, retryAfter).toMillis());
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) throws IOException, InterruptedException {
        tokens.bearer().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }
}
