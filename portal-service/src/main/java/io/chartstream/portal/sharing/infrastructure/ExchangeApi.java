package io.chartstream.portal.sharing.infrastructure;

import io.chartstream.portal.sharing.domain.Sharing;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * The exchange's sharing endpoints, called with the signed-in patient's own access token (its
 * audience is the gateway), so the exchange applies the same rule as to any caller: a patient
 * reads and changes their own record's sharing only.
 */
@RegisterRestClient(configKey = "exchange")
@Path("/")
public interface ExchangeApi {

    String FHIR_JSON = "application/fhir+json";

    @GET
    @Path("sharing/{personId}")
    @Produces(MediaType.APPLICATION_JSON)
    Sharing sharing(
            @PathParam("personId") UUID personId,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-ChartStream-After") String after);

    /** The signed-in patient's own audit trail (the exchange limits a patient to their own record). */
    @GET
    @Path("fhir/AuditEvent")
    @Produces(FHIR_JSON)
    String auditEvents(@HeaderParam("Authorization") String authorization, @QueryParam("_count") int count);

    @POST
    @Path("fhir/Consent")
    @Consumes(FHIR_JSON)
    @Produces(FHIR_JSON)
    Response recordConsent(String consent, @HeaderParam("Authorization") String authorization);
}
