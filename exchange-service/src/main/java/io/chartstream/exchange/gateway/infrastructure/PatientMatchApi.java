package io.chartstream.exchange.gateway.infrastructure;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** patient-service's scoring of a Patient against the MPI, as the gateway calls it. */
@Path("/match")
@Produces({"application/json", "application/fhir+json"})
public interface PatientMatchApi {

    @POST
    @Consumes("application/fhir+json")
    Response match(@HeaderParam("Authorization") String authorization, String patient);
}
