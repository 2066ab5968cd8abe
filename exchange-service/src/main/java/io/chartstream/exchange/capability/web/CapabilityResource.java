package io.chartstream.exchange.capability.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.fhir.FhirMediaTypes;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;

/** {@code GET /fhir/metadata}: what a FHIR client fetches first, before it has a token. */
@Path("/fhir/metadata")
@Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
public class CapabilityResource {

    private final FhirContext fhir;
    private final String softwareVersion;
    /** The statement changes only with the software: dated when this instance first served it. */
    private final Instant published = Instant.now();

    public CapabilityResource(
            FhirContext fhir,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String softwareVersion) {
        this.fhir = fhir;
        this.softwareVersion = softwareVersion;
    }

    @GET
    @PermitAll
    public Response metadata(@Context UriInfo uri) {
        String base = uri.getBaseUri().toString();
        String fhirBase = (base.endsWith("/") ? base : base + "/") + "fhir";
        var statement = ServerCapabilities.of(fhirBase, softwareVersion, published);
        return Response.ok(fhir.newJsonParser().encodeResourceToString(statement), FhirMediaTypes.FHIR_JSON_UTF8)
                .build();
    }
}
