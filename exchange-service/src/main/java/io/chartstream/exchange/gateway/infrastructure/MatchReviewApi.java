package io.chartstream.exchange.gateway.infrastructure;

import io.chartstream.fhir.ActingParty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** patient-service's review queue of possible matches, as the gateway calls it. */
@Path("/match-reviews")
@Produces({"application/json", "application/fhir+json"})
public interface MatchReviewApi {

    @GET
    Response open(@HeaderParam("Authorization") String authorization, @QueryParam("count") Integer count);

    @POST
    @Path("/{id}/decision")
    @Consumes("application/json")
    Response decide(
            @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            String body);
}
