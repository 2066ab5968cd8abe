package io.chartstream.exchange.gateway.infrastructure;

import io.chartstream.fhir.ActingParty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** patient-service's merge and unmerge of persons, as the gateway calls them. */
@Path("/person-merges")
@Produces({"application/json", "application/fhir+json"})
@Consumes("application/json")
public interface PersonMergeApi {

    @POST
    Response merge(
            @HeaderParam("Authorization") String authorization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            String body);

    @POST
    @Path("/unmerge")
    Response unmerge(
            @HeaderParam("Authorization") String authorization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            String body);
}
