package io.chartstream.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;

/**
 * One resource may not be larger than the event that carries it can be: a body over
 * {@code chartstream.fhir.max-body-bytes} (default 512 KiB, half of Kafka's default 1 MB message
 * size, leaving room for the event's envelope) is refused with 413 and an OperationOutcome that
 * names the limit, before anything is read, forwarded or stored. A Bundle ({@code POST /fhir})
 * may be up to {@code chartstream.fhir.max-bundle-bytes} (16 MiB); each of its resources is held
 * to the per-resource limit by the service that takes it. A body sent without a
 * Content-Length (chunked) is checked once read, by {@link #requireWithin}; the HTTP server's own
 * {@code quarkus.http.limits.max-body-size} (10 MiB) stays the outer bound.
 */
@Singleton
@IfBuildProperty(name = "chartstream.fhir.operation-outcome-errors", stringValue = "true", enableIfMissing = true)
public class BodySizeLimit {

    private final FhirContext fhir;
    private final long maxBytes;
    private final long maxBundleBytes;

    public BodySizeLimit(
            FhirContext fhir,
            @ConfigProperty(name = "chartstream.fhir.max-body-bytes", defaultValue = "524288") long maxBytes,
            @ConfigProperty(name = "chartstream.fhir.max-bundle-bytes", defaultValue = "16777216")
                    long maxBundleBytes) {
        this.fhir = fhir;
        this.maxBytes = maxBytes;
        this.maxBundleBytes = maxBundleBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        long length = request.getLength();
        if (isBundle(request)) {
            return length > maxBundleBytes
                    ? OperationOutcomes.response(fhir, 413, IssueType.TOOLONG, bundleTooLarge(length))
                    : null;
        }
        return length > maxBytes ? OperationOutcomes.response(fhir, 413, IssueType.TOOLONG, tooLarge(length)) : null;
    }

    /** A transaction or batch Bundle ({@code POST /fhir}): many resources, each checked against the limit by its receiver. */
    private static boolean isBundle(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return "POST".equals(request.getMethod()) && ("/fhir".equals(path) || "/fhir/".equals(path));
    }

    private String bundleTooLarge(long length) {
        return "the Bundle has " + length + " bytes; the limit is " + maxBundleBytes + " bytes ("
                + (maxBundleBytes / (1024 * 1024)) + " MiB) per Bundle: split it into several transactions";
    }

    /** A body that was read (it may have come without a Content-Length): 413 when over the limit. */
    public String requireWithin(String body) {
        long length = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (length > maxBytes) {
            throw new FhirProblem(413, IssueType.TOOLONG, tooLarge(length));
        }
        return body;
    }

    private String tooLarge(long length) {
        return "the body has " + length + " bytes; the limit is " + maxBytes + " bytes (" + (maxBytes / 1024)
                + " KiB) per request: a resource must fit in one event of the exchange's log."
                + " Send large attachments by reference (Attachment.url), not inline";
    }
}
