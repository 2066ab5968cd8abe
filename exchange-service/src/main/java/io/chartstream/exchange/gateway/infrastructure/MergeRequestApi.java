package io.chartstream.exchange.gateway.infrastructure;

import io.chartstream.fhir.ActingParty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** patient-service's merge requests of organizations (a review task each), as the gateway calls it. */
@Path("/merge-requests")
@Produces({"application/json", "application/fhir+json"})
@Consumes("application/json")
public interface MergeRequestApi {

    @POST
    Response request(
            @HeaderParam("Authorization") String authorization,
            @HeaderParam(ActingParty.ORGANIZATION_HEADER) String organization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId,
            @HeaderParam(ActingParty.ASSIGNING_AUTHORITIES_HEADER) String assigningAuthorities,
            String body);
}
