package io.chartstream.system.bench;

import io.chartstream.system.bench.ClosedLoop.Outcome;
import io.chartstream.testsupport.FhirSamples;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The FHIR REST calls of the load, over the JDK's HTTP client, with one bearer token; bodies encoded by HAPI FHIR. */
final class GatewayClient {

    private static final String FHIR_JSON = "application/fhir+json";

    private final HttpClient http;
    private final String base;
    private final String token;
    private final Duration timeout;

    GatewayClient(HttpClient http, String base, String token, Duration timeout) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.timeout = timeout;
    }

    /** POST [base]/[type]; the outcome carries the new id from the Location header, else from the body. */
    Outcome create(Resource resource) {
        HttpRequest.Builder post = request("/" + resource.fhirType())
                .header("Content-Type", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(FhirSamples.json(resource)));
        return send(post, true);
    }

    /** GET [base][path], e.g. {@code /Patient/123/$everything}. */
    Outcome read(String path) {
        return send(request(path).GET(), false);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", FHIR_JSON);
    }

    private Outcome send(HttpRequest.Builder request, boolean create) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed(e.toString());
        } catch (Exception e) {
            return Outcome.failed(e.toString());
        }
        if (response.statusCode() / 100 != 2) {
            return Outcome.failed("HTTP " + response.statusCode() + " " + shortened(response.body()));
        }
        if (!create) {
            return Outcome.answered(null);
        }
        try {
            return Outcome.answered(createdId(response));
        } catch (RuntimeException e) {
            return Outcome.failed("no id in the answer (" + e + "): " + shortened(response.body()));
        }
    }

    /** The logical id of a created resource: from the Location header ({@code [base]/[type]/[id]/_history/[v]}), else the body. */
    static String createdId(HttpResponse<String> response) {
        return createdId(response.headers().firstValue("Location").orElse(null), response.body());
    }

    static String createdId(String location, String body) {
        if (location != null && new IdType(location).hasIdPart()) {
            return new IdType(location).getIdPart();
        }
        return FhirSamples.FHIR
                .newJsonParser()
                .parseResource(body)
                .getIdElement()
                .getIdPart();
    }

    private static String shortened(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
