package io.chartstream.exchange.gateway.web;

import io.chartstream.exchange.gateway.application.PatientMatchOperation;
import io.chartstream.exchange.read.web.GatewayReadResource;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirMediaTypes;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.sql.SQLException;

/** FHIR {@code Patient/$match} for clinicians and organization systems: candidates in their care only. */
@Path("/fhir/Patient/$match")
@Authenticated
public class PatientMatchResource {

    private final PatientMatchOperation operation;
    private final JsonWebToken token;

    public PatientMatchResource(PatientMatchOperation operation, JsonWebToken token) {
        this.operation = operation;
        this.token = token;
    }

    /** Body: Parameters with {@code resource} (a Patient), optional {@code onlyCertainMatches} and {@code count}. */
    @POST
    @RolesAllowed({"clinician", "org-system"})
    @Consumes({FhirMediaTypes.FHIR_JSON, "application/json"})
    @Produces({FhirMediaTypes.FHIR_JSON, "application/json"})
    public Response match(String body, @Context UriInfo uri) throws SQLException {
        String bundle = operation.match(ActingParty.fromToken(token, null), body, GatewayReadResource.fhirBase(uri));
        return Response.ok(bundle, FhirMediaTypes.FHIR_JSON_UTF8).build();
    }
}
